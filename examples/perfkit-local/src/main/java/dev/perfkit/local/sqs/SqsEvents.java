package dev.perfkit.local.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event Lambda's SQS event source sends: {@code {"Records": [...]}} with Lambda's field names
 * and order, attribute values as strings and binary values in base64.
 */
final class SqsEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Lambda lists these first; any others (AWSTraceHeader, MessageGroupId, ...) follow.
  private static final List<String> FIRST_ATTRIBUTES =
      List.of(
          "ApproximateReceiveCount",
          "SentTimestamp",
          "SenderId",
          "ApproximateFirstReceiveTimestamp");

  private SqsEvents() {}

  /** The event of {@code messages} received from the queue {@code eventSourceArn}. */
  static byte[] toJson(List<Message> messages, String eventSourceArn) {
    String region = regionOf(eventSourceArn);
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", message.messageId());
      record.put("receiptHandle", message.receiptHandle());
      record.put("body", message.body());
      ObjectNode attributes = record.putObject("attributes");
      Map<String, String> received = new TreeMap<>(message.attributesAsStrings());
      for (String name : FIRST_ATTRIBUTES) {
        String value = received.remove(name);
        if (value != null) {
          attributes.put(name, value);
        }
      }
      received.forEach(attributes::put);
      ObjectNode messageAttributes = record.putObject("messageAttributes");
      new TreeMap<>(message.messageAttributes())
          .forEach((name, value) -> messageAttributes.set(name, attribute(value)));
      if (message.md5OfMessageAttributes() != null) {
        record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
      }
      record.put("md5OfBody", message.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", eventSourceArn);
      record.put("awsRegion", region);
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an SQS event did not serialize", e);
    }
  }

  /** The region of an SQS ARN, {@code arn:aws:sqs:<region>:<account>:<queue>}. */
  static String regionOf(String queueArn) {
    String[] parts = queueArn.split(":", -1);
    if (parts.length != 6 || !"arn".equals(parts[0]) || !"sqs".equals(parts[2])) {
      throw new IllegalArgumentException(
          "queue ARN must look like 'arn:aws:sqs:<region>:<account>:<queue>', was '"
              + queueArn
              + "'");
    }
    return parts[3];
  }

  private static ObjectNode attribute(MessageAttributeValue value) {
    ObjectNode node = JSON.createObjectNode();
    if (value.stringValue() != null) {
      node.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      node.put("binaryValue", base64(value.binaryValue()));
    }
    ArrayNode strings = node.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = node.putArray("binaryListValues");
    value.binaryListValues().forEach(bytes -> binaries.add(base64(bytes)));
    node.put("dataType", value.dataType());
    return node;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }
}
