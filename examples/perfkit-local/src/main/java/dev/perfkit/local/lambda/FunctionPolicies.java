package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The resource-based policies of functions and their versions and aliases, as {@code
 * AddPermission}, {@code RemovePermission} and {@code GetPolicy} keep them. Recorded only: the
 * local Lambda authorizes no caller, so every principal may invoke every function.
 */
final class FunctionPolicies {

  /** A policy document and its revision, as {@code GetPolicy} answers them. */
  record Document(String policy, String revisionId) {}

  private record Key(String function, String qualifier) {}

  private static final class Policy {
    final Map<String, ObjectNode> statements = new LinkedHashMap<>();
    String revisionId = RevisionIds.next();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<Key, Policy> policies = new HashMap<>();

  /** Adds a statement (its {@code Sid} unique in the policy); returns it as JSON text. */
  synchronized String add(
      String function,
      Optional<String> qualifier,
      ObjectNode statement,
      Optional<String> expectedRevision) {
    Key key = new Key(function, qualifier.orElse(""));
    Policy policy = policies.computeIfAbsent(key, unused -> new Policy());
    RevisionIds.check(expectedRevision, policy.revisionId, "GetPolicy");
    String sid = statement.get("Sid").textValue();
    if (policy.statements.containsKey(sid)) {
      throw LocalLambdaException.conflict(
          "The statement id ("
              + sid
              + ") provided already exists. Please provide a new statement"
              + " id, or remove the existing statement.");
    }
    policy.statements.put(sid, statement);
    policy.revisionId = RevisionIds.next();
    return statement.toString();
  }

  synchronized void remove(
      String function, Optional<String> qualifier, String sid, Optional<String> expectedRevision) {
    Key key = new Key(function, qualifier.orElse(""));
    Policy policy = policies.get(key);
    if (policy == null || !policy.statements.containsKey(sid)) {
      throw LocalLambdaException.notFound("Statement " + sid + " is not found in resource policy.");
    }
    RevisionIds.check(expectedRevision, policy.revisionId, "GetPolicy");
    policy.statements.remove(sid);
    policy.revisionId = RevisionIds.next();
    if (policy.statements.isEmpty()) {
      policies.remove(key);
    }
  }

  synchronized Document get(String function, Optional<String> qualifier) {
    Policy policy = policies.get(new Key(function, qualifier.orElse("")));
    if (policy == null) {
      throw LocalLambdaException.notFound("The resource you requested does not exist.");
    }
    ObjectNode document = JSON.createObjectNode();
    document.put("Version", "2012-10-17");
    document.put("Id", "default");
    policy.statements.values().forEach(document.withArray("Statement")::add);
    return new Document(document.toString(), policy.revisionId);
  }

  /** Forgets the policies of a deleted function, or of one deleted version or alias. */
  synchronized void delete(String function, Optional<String> qualifier) {
    policies
        .keySet()
        .removeIf(
            key ->
                key.function.equals(function)
                    && (qualifier.isEmpty() || key.qualifier.equals(qualifier.get())));
  }
}
