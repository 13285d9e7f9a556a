package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The event the mapping sends is the one Lambda sends. */
class SqsEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:sqs:us-east-2:123456789012:my-queue";

  /** A record of the standard queue event in Lambda's documentation. */
  private static final String LAMBDA_RECORD =
      """
      {
        "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
        "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
        "body": "Test message.",
        "attributes": {
          "ApproximateReceiveCount": "1",
          "SentTimestamp": "1545082649183",
          "SenderId": "AIDAIENQZJOLO23YVJ4VO",
          "ApproximateFirstReceiveTimestamp": "1545082649185"
        },
        "messageAttributes": {
          "myAttribute": {
            "stringValue": "myValue",
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "String"
          }
        },
        "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
        "awsRegion": "us-east-2"
      }
      """;

  @Test
  void toJson_writesLambdasFieldsInLambdasOrder() throws Exception {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
    attributes.put("ApproximateFirstReceiveTimestamp", "1545082649185");
    attributes.put("SentTimestamp", "1545082649183");
    attributes.put("ApproximateReceiveCount", "1");
    Message message =
        Message.builder()
            .messageId("059f36b4-87a3-44ab-83d2-661975830a7d")
            .receiptHandle("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...")
            .body("Test message.")
            .attributesWithStrings(attributes)
            .messageAttributes(
                Map.of(
                    "myAttribute",
                    MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue("myValue")
                        .build()))
            .md5OfBody("e4e68fb7bd0e697a0ae8f1bb342846b3")
            .build();

    JsonNode event = JSON.readTree(SqsEvents.toJson(List.of(message, message), ARN));

    JsonNode expected = JSON.readTree(LAMBDA_RECORD);
    assertThat(event.get("Records"))
        .hasSize(2)
        .allSatisfy(
            record -> {
              assertThat(record).isEqualTo(expected);
              assertThat(fieldNames(record)).isEqualTo(fieldNames(expected));
              assertThat(fieldNames(record.get("attributes")))
                  .isEqualTo(fieldNames(expected.get("attributes")));
            });
  }

  @Test
  void toJson_isReadByTheLambdaRuntimesSqsEventSerializer() {
    Message message =
        Message.builder()
            .messageId("m-1")
            .receiptHandle("handle-1")
            .body("{\"id\": \"msg-1\"}")
            .attributesWithStrings(Map.of("ApproximateReceiveCount", "2", "SentTimestamp", "1"))
            .messageAttributes(
                Map.of(
                    "blob",
                    MessageAttributeValue.builder()
                        .dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("xx"))
                        .build()))
            .md5OfBody("md5")
            .md5OfMessageAttributes("md5-attributes")
            .build();
    PojoSerializer<SQSEvent> serializer =
        LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader());

    SQSEvent event =
        serializer.fromJson(new ByteArrayInputStream(SqsEvents.toJson(List.of(message), ARN)));

    SQSMessage record = event.getRecords().get(0);
    assertThat(record.getMessageId()).isEqualTo("m-1");
    assertThat(record.getReceiptHandle()).isEqualTo("handle-1");
    assertThat(record.getBody()).isEqualTo("{\"id\": \"msg-1\"}");
    assertThat(record.getAttributes())
        .containsEntry("ApproximateReceiveCount", "2")
        .containsEntry("SentTimestamp", "1");
    assertThat(record.getMessageAttributes().get("blob").getDataType()).isEqualTo("Binary");
    assertThat(record.getMessageAttributes().get("blob").getBinaryValue())
        .isEqualTo(ByteBuffer.wrap("xx".getBytes(StandardCharsets.UTF_8)));
    assertThat(record.getMd5OfBody()).isEqualTo("md5");
    assertThat(record.getMd5OfMessageAttributes()).isEqualTo("md5-attributes");
    assertThat(record.getEventSource()).isEqualTo("aws:sqs");
    assertThat(record.getEventSourceArn()).isEqualTo(ARN);
    assertThat(record.getAwsRegion()).isEqualTo("us-east-2");
  }

  @Test
  void regionOf_rejectsWhatIsNotAnSqsArn() {
    assertThatThrownBy(() -> SqsEvents.regionOf("arn:aws:sns:us-east-1:123456789012:topic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "queue ARN must look like 'arn:aws:sqs:<region>:<account>:<queue>', was"
                + " 'arn:aws:sns:us-east-1:123456789012:topic'");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
