package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error CloudWatch answers, with its query-protocol code (e.g. {@code InvalidParameterValue}),
 * its shape name in the JSON and CBOR protocols (e.g. {@code InvalidParameterValueException}), its
 * HTTP status and, for a dashboard body, the validation messages.
 */
final class CloudWatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String code;
  final String shape;
  final int status;
  final boolean senderFault;

  /** Further members of the error shape, e.g. {@code dashboardValidationMessages}. */
  final transient ObjectNode members;

  private CloudWatchException(
      String code, String shape, int status, boolean senderFault, String message) {
    super(message, null, false, false);
    this.code = code;
    this.shape = shape;
    this.status = status;
    this.senderFault = senderFault;
    this.members = JsonNodeFactory.instance.objectNode();
  }

  static CloudWatchException invalidValue(String message) {
    return new CloudWatchException(
        "InvalidParameterValue", "InvalidParameterValueException", 400, true, message);
  }

  static CloudWatchException missing(String parameter) {
    return new CloudWatchException(
        "MissingParameter",
        "MissingRequiredParameterException",
        400,
        true,
        "The parameter " + parameter + " is required.");
  }

  static CloudWatchException combination(String message) {
    return new CloudWatchException(
        "InvalidParameterCombination", "InvalidParameterCombinationException", 400, true, message);
  }

  static CloudWatchException invalidNextToken(String token) {
    return new CloudWatchException(
        "InvalidNextToken", "InvalidNextToken", 400, true, "Invalid NextToken: " + token);
  }

  static CloudWatchException dashboardNotFound(String message) {
    return new CloudWatchException(
        "ResourceNotFound", "DashboardNotFoundError", 404, true, message);
  }

  static CloudWatchException dashboardInvalid(String message) {
    return new CloudWatchException(
        "InvalidParameterInput", "DashboardInvalidInputError", 400, true, message);
  }

  /** A bound of this local CloudWatch, not of AWS's, was reached. */
  static CloudWatchException limitExceeded(String message) {
    return new CloudWatchException("LimitExceeded", "LimitExceededFault", 400, true, message);
  }

  static CloudWatchException unknownOperation(String operation) {
    return new CloudWatchException(
        "InvalidAction",
        "InvalidAction",
        400,
        true,
        "The action " + operation + " is not valid for this web service.");
  }

  static CloudWatchException missingAction() {
    return new CloudWatchException(
        "MissingAction",
        "MissingAction",
        400,
        true,
        "The request names no operation: the query parameter Action, the X-Amz-Target header"
            + " (JSON) or the path /service/GraniteServiceVersion20100801/operation/<name> (CBOR).");
  }

  static CloudWatchException internal() {
    return new CloudWatchException(
        "InternalServiceError",
        "InternalServiceFault",
        500,
        false,
        "An internal error occurred in the local CloudWatch; its log tells which.");
  }
}
