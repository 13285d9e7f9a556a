package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire shapes of CloudWatch's query and JSON protocols, as the AWS API reference and the SDKs'
 * parsers expect them: XML answers in the 2010-08-01 namespace, {@code ErrorResponse} errors,
 * {@code __type} plus {@code x-amzn-query-error} for the awsQueryCompatible JSON errors.
 */
class WireProtocolTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LocalCloudWatch cloudWatch;

  @BeforeEach
  void start() throws Exception {
    cloudWatch = LocalCloudWatch.builder().clock(CloudWatchTestSupport.fixedClock()).build();
    cloudWatch
        .lambda()
        .invocation(
            new LambdaInvocation(
                "fn",
                java.util.Optional.empty(),
                "$LATEST",
                NOW.minusSeconds(60),
                java.time.Duration.ofMillis(40),
                false,
                LambdaInvocation.Capacity.STANDARD));
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
  }

  private HttpResponse<String> form(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(cloudWatch.endpoint())
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> json(String operation, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(cloudWatch.endpoint())
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void queryGetMetricStatistics_answersXml_withExtendedStatisticsAsEntries() throws Exception {
    String start = NOW.truncatedTo(ChronoUnit.HOURS).toString();
    String end = NOW.plusSeconds(3600).truncatedTo(ChronoUnit.HOURS).toString();

    HttpResponse<String> response =
        form(
            "Action=GetMetricStatistics&Version=2010-08-01"
                + "&Namespace=AWS%2FLambda&MetricName=Duration&Dimensions.member.1.Name=FunctionName"
                + "&Dimensions.member.1.Value=fn&StartTime="
                + start
                + "&EndTime="
                + end
                + "&Period=3600&Statistics.member.1=Maximum&ExtendedStatistics.member.1=p99");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "<GetMetricStatisticsResponse xmlns=\"http://"
                + "monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricStatisticsResult><Label>Duration"
                + "</Label><Datapoints><member><Timestamp>"
                + start
                + "</Timestamp><Maximum>40.0"
                + "</Maximum><Unit>Milliseconds</Unit><ExtendedStatistics><entry><key>p99</key><value>"
                + "40.0</value></entry></ExtendedStatistics></member></Datapoints>"
                + "</GetMetricStatisticsResult><ResponseMetadata><RequestId>"
                + response.headers().firstValue("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ResponseMetadata></GetMetricStatisticsResponse>");
  }

  @Test
  void queryError_isAnErrorResponse_withTypeCodeAndMessage() throws Exception {
    HttpResponse<String> response =
        form("Action=GetDashboard&Version=2010-08-01&DashboardName=missing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .startsWith(
            "<ErrorResponse xmlns=\"http://monitoring.amazonaws"
                + ".com/doc/2010-08-01/\"><Error><Type>Sender</Type><Code>ResourceNotFound</Code>"
                + "<Message>Dashboard missing does not exist</Message></Error><RequestId>");
  }

  @Test
  void queryWithoutARequiredParameter_isMissingParameter() throws Exception {
    HttpResponse<String> response =
        form(
            "Action=GetMetricStatistics&Version=2010-08-01"
                + "&Namespace=AWS%2FLambda&MetricName=Duration&Period=60&Statistics.member.1=Sum");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains(
            "<Code>MissingParameter</Code>"
                + "<Message>The parameter StartTime is required.</Message>");
  }

  @Test
  void unknownAction_isInvalidAction() throws Exception {
    HttpResponse<String> response = form("Action=DescribeAlarms&Version=2010-08-01");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("<Code>InvalidAction</Code>");
  }

  @Test
  void requestWithoutAnOperation_isMissingAction() throws Exception {
    HttpResponse<String> response = form("Version=2010-08-01");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("<Code>MissingAction</Code>");
  }

  @Test
  void jsonError_carriesItsShapeInTypeAndItsQueryCodeInTheHeader() throws Exception {
    HttpResponse<String> response =
        json("GetDashboard", "{\"DashboardName\": \"missing\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-query-error"))
        .hasValue("ResourceNotFound;Sender");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("__type").asText())
        .isEqualTo("com.amazonaws.cloudwatch#DashboardNotFoundError");
    assertThat(body.get("message").asText()).isEqualTo("Dashboard missing does not exist");
  }

  @Test
  void malformedJsonBody_isInvalidParameterValue_notAnInternalError() throws Exception {
    HttpResponse<String> response =
        json("ListMetrics", "{\"Namespace\": ".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-query-error"))
        .hasValue("InvalidParameterValue;Sender");
  }

  @Test
  void gzipCompressedPutMetricData_isRead() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(
          ("{\"Namespace\": \"Test\", \"MetricData\": [{\"MetricName\": \"Zipped\","
                  + " \"Value\": 3}]}")
              .getBytes(StandardCharsets.UTF_8));
    }

    int before = cloudWatch.usage().metrics();

    HttpResponse<String> response =
        json("PutMetricData", compressed.toByteArray(), "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(cloudWatch.usage().metrics()).isEqualTo(before + 1);
  }

  @Test
  void queryByGet_readsTheActionFromTheQueryString() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        cloudWatch.endpoint() + "/?Action=ListDashboards&Version=2010-08-01"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "<ListDashboardsResult><DashboardEntries>"
                + "</DashboardEntries></ListDashboardsResult>");
  }
}
