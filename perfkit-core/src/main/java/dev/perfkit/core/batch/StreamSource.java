package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.util.List;
import java.util.function.Function;

/**
 * Where a stream event keeps what partial batches need: its records, each record's sequence number
 * and its shard.
 *
 * @param eventName the event as error messages name it
 * @param records the event's {@code Records} list
 * @param sequenceNumber a record's sequence number, null when the record has none
 * @param sequenceNumberField where the sequence number is in a record, as error messages name it
 * @param shard the shard a record comes from; records of one shard keep their order
 */
record StreamSource<E, R>(
    String eventName,
    Function<E, List<R>> records,
    Function<R, String> sequenceNumber,
    String sequenceNumberField,
    Function<R, String> shard) {

  static final StreamSource<KinesisEvent, KinesisEventRecord> KINESIS =
      new StreamSource<>(
          "a Kinesis event",
          KinesisEvent::getRecords,
          record -> record.getKinesis() == null ? null : record.getKinesis().getSequenceNumber(),
          "kinesis.sequenceNumber",
          StreamSource::kinesisShard);

  /**
   * A DynamoDB stream record does not name its shard; Lambda reads each batch from one shard, so
   * the whole batch keeps its order.
   */
  static final StreamSource<DynamodbEvent, DynamodbStreamRecord> DYNAMODB_STREAMS =
      new StreamSource<>(
          "a DynamoDB Streams event",
          DynamodbEvent::getRecords,
          record -> record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber(),
          "dynamodb.SequenceNumber",
          record -> "");

  /** A Kinesis record's {@code eventID} is {@code <shardId>:<sequenceNumber>}. */
  private static String kinesisShard(KinesisEventRecord record) {
    String eventId = record.getEventID();
    int colon = eventId == null ? -1 : eventId.indexOf(':');
    return colon < 0 ? "" : eventId.substring(0, colon);
  }
}
