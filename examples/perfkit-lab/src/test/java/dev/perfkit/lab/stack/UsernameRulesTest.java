package dev.perfkit.lab.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameRulesTest {

  private static final String LONGEST_LAMBDA_USERNAME = "u".repeat(43);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user3",
        "a",
        "User_3",
        "team-a-user-12",
        "ABCdefghijklmnopqrstuvwxyz0123456789_-abcde"
      })
  void forUser_acceptedName_buildsTheStack(String username) {
    LabStack stack = LabStack.forUser(username, ColdStartMode.NONE);

    assertThat(stack.username()).isEqualTo(username);
  }

  @Test
  void forUser_longestAcceptedName_fillsLambdasSixtyFourCharacters() {
    LabStack stack = LabStack.forUser(LONGEST_LAMBDA_USERNAME, ColdStartMode.NONE);

    assertThat(stack.performanceFunction().name()).hasSize(64);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "user.3 | Lambda function names allow only letters, digits, - and _:"
            + " 'user.3-performance-function' has '.'",
        "user 3 | Lambda function names allow only letters, digits, - and _:"
            + " 'user 3-performance-function' has ' '",
        "usér   | Lambda function names allow only letters, digits, - and _:"
            + " 'usér-performance-function' has 'é'",
        "user:3 | SQS queue names allow only letters, digits, - and _ (.fifo only as a FIFO"
            + " queue's suffix): 'user:3-high-throughput-queue' has ':'",
        "a/b    | CloudWatch dashboard names allow only letters, digits, - and _:"
            + " 'a/b-performance-dashboard' has '/'",
      })
  void forUser_forbiddenCharacter_namesTheRuleAndTheCharacter(String username, String problem) {
    assertThatThrownBy(() -> LabStack.forUser(username, ColdStartMode.NONE))
        .isInstanceOfSatisfying(
            InvalidStackException.class, e -> assertThat(e.problems()).contains(problem));
  }

  @Test
  void forUser_oneCharacterTooLongForLambda_saysHowManyAreLeftAfterTheSuffix() {
    String username = "u".repeat(44);

    assertThatThrownBy(() -> LabStack.forUser(username, ColdStartMode.NONE))
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "Lambda function names have at most 64 characters: '"
                            + username
                            + "-performance-function' has 65; after the suffix '-performance-function' a"
                            + " username has at most 43 characters left"));
  }

  @Test
  void forUser_tooLongForSqsToo_listsBothRules() {
    String username = "u".repeat(55);

    assertThatThrownBy(() -> LabStack.forUser(username, ColdStartMode.NONE))
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(
                        p -> assertThat(p).startsWith("Lambda function names have at most 64"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("SQS queue names have at most 80")
                                .endsWith(
                                    "after the suffix '-high-throughput-queue-dlq' a username has at most"
                                        + " 54 characters left")));
  }

  @Test
  void forUser_dotAllowedByDynamoDbButNotLambda_reportsOnlyTheRulesItBreaks() {
    assertThatThrownBy(() -> LabStack.forUser("user.3", ColdStartMode.NONE))
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e -> assertThat(e.problems()).hasSize(3).noneMatch(p -> p.startsWith("DynamoDB")));
  }

  @Test
  void forUser_emptyName_isRejected() {
    assertThatThrownBy(() -> LabStack.forUser("", ColdStartMode.NONE))
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e -> assertThat(e.problems()).containsExactly("username is empty"));
  }

  @Test
  void forUser_nullName_namesTheArgument() {
    assertThatThrownBy(() -> LabStack.forUser(null, ColdStartMode.NONE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("username");
  }

  @Test
  void check_controlCharacterInApiName_isRejected() {
    assertThat(NameRule.API_GATEWAY.check("a\tb", java.util.List.of("a\tb-optimized-api")))
        .hasValueSatisfying(p -> assertThat(p).contains("printable characters"));
  }
}
