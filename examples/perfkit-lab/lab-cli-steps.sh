#!/usr/bin/env bash
# The lab's CLI steps for Tasks 1, 2 and 5 (Lambda functions, concurrency, versions, alias,
# provisioned concurrency, the SQS queue and its event source mapping) with perfkit's Java
# handlers, corrected where the lab is wrong; each correction says why.
#
#   bash examples/perfkit-lab/lab-cli-steps.sh HANDLERS_JAR
#
# Against AWS as configured for the AWS CLI, or against `perfkit-lab serve --no-functions`, which
# prints the variables that point the CLI at it (AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SQS)
# and give the functions their table and local endpoints. Settings, from the environment:
#   LAB_USER                 the lab's [your-username] (default: local)
#   PROVISIONED_CONCURRENCY  the alias prod's provisioned environments (default: the lab's 10)
#   MESSAGE_COUNT            messages sent in Task 5.2 (default: the lab's 500)
#   ROLE_ARN                 the functions' execution role (default: a placeholder, fine locally)
#   PERFKIT_TABLE_NAME, PERFKIT_EXTERNAL_URL, AWS_ENDPOINT_URL_DYNAMODB
#                            passed to the performance function when set
# The performance function's answer from prod is written to prod-invoke.json in the working
# directory. Works with AWS CLI v1 and v2.
set -euo pipefail

jar=${1:?usage: lab-cli-steps.sh HANDLERS_JAR (perfkit-handlers-<version>-lambda.jar)}
user=${LAB_USER:-local}
provisioned=${PROVISIONED_CONCURRENCY:-10}
messages=${MESSAGE_COUNT:-500}
role=${ROLE_ARN:-arn:aws:iam::000000000000:role/LabRole}
performance="$user-performance-function"
scaler="$user-sqs-scaler"
queue="$user-high-throughput-queue"

step() { printf '\n== %s\n' "$*"; }

# AWS CLI v1 honours AWS_ENDPOINT_URL_LAMBDA but not AWS_ENDPOINT_URL_SQS (it keeps SQS's legacy
# endpoint): the variable is passed as --endpoint-url.
sqs() { aws sqs ${AWS_ENDPOINT_URL_SQS:+--endpoint-url "$AWS_ENDPOINT_URL_SQS"} "$@"; }

# Waits up to $1 seconds for command "${@:2}" to print $expected; fails on $failed.
await() {
  local seconds=$1 expected=$2 failed=$3
  shift 3
  local deadline=$((SECONDS + seconds)) status
  while :; do
    status=$("$@")
    if [[ $status == "$expected" ]]; then return 0; fi
    if [[ $status == "$failed" ]]; then echo "failed: $status" >&2; return 1; fi
    if ((SECONDS >= deadline)); then
      echo "still '$status' after $seconds s, expected '$expected'" >&2
      return 1
    fi
    sleep 1
  done
}

# Correction: the lab creates Python functions; perfkit's are Java, in one jar (java21 runtime,
# handler Class::method).
variables="PERFKIT_TABLE_NAME=${PERFKIT_TABLE_NAME:-$user-performance-table}"
for name in PERFKIT_EXTERNAL_URL AWS_ENDPOINT_URL_DYNAMODB; do
  if [[ -n ${!name:-} ]]; then variables+=",$name=${!name}"; fi
done

step "Task 1.1: create $performance"
aws lambda create-function \
  --function-name "$performance" \
  --runtime java21 \
  --role "$role" \
  --handler dev.perfkit.handlers.PerformanceFunction::handleRequest \
  --zip-file "fileb://$jar" \
  --timeout 300 \
  --memory-size 1024 \
  --environment "Variables={$variables}" \
  --description "High-performance function with scaling optimizations" \
  --query FunctionArn --output text
# Correction: a new function is Pending until Lambda has prepared it; the lab goes on at once.
aws lambda wait function-active-v2 --function-name "$performance"

step "Task 2.1: concurrency, version, alias prod, provisioned concurrency"
# Correction: the command is put-function-concurrency; put-reserved-concurrency does not exist.
aws lambda put-function-concurrency \
  --function-name "$performance" \
  --reserved-concurrent-executions 50
version=$(aws lambda publish-version \
  --function-name "$performance" \
  --description "Performance optimized version" \
  --query Version --output text)
aws lambda wait published-version-active --function-name "$performance" --qualifier "$version"
# Correction: the alias points at the version just published, not at a hard-coded 1.
aws lambda create-alias \
  --function-name "$performance" \
  --name prod \
  --function-version "$version" \
  --description "Production alias for performance function" \
  --query AliasArn --output text
# Correction: the option is --provisioned-concurrent-executions; the CLI has no
# --provisioned-concurrency-config.
aws lambda put-provisioned-concurrency-config \
  --function-name "$performance" \
  --qualifier prod \
  --provisioned-concurrent-executions "$provisioned" \
  --query Status --output text
# Correction: provisioned environments take a while to initialise (Status IN_PROGRESS); until
# READY, prod's invocations are cold starts. The CLI has no waiter for it.
await 300 READY FAILED aws lambda get-provisioned-concurrency-config \
  --function-name "$performance" --qualifier prod --query Status --output text
echo "provisioned concurrency of prod: READY"

step "Invoke prod"
# AWS CLI v2 reads --payload as base64 unless told otherwise; v1 sends the text as is.
binary_format=()
if aws --version 2>&1 | grep -q '^aws-cli/2'; then
  binary_format=(--cli-binary-format raw-in-base64-out)
fi
aws lambda invoke \
  --function-name "$performance" \
  --qualifier prod \
  "${binary_format[@]}" \
  --payload '{"queryStringParameters": {"operation": "cpu_intensive", "iterations": "10000"}}' \
  prod-invoke.json

step "Task 5.1: queue, $scaler and its event source mapping"
# Corrections: the attribute is VisibilityTimeout, not VisibilityTimeoutSeconds; it must be at
# least the function's timeout (60 s) for Lambda to accept the mapping, and AWS recommends six
# times it. MaxReceiveCount is not a queue attribute: it belongs to a RedrivePolicy, which needs a
# dead-letter queue.
dlq_url=$(sqs create-queue --queue-name "$queue-dlq" \
  --attributes MessageRetentionPeriod=1209600 --query QueueUrl --output text)
dlq_arn=$(sqs get-queue-attributes --queue-url "$dlq_url" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)
cat > queue-attributes.json <<EOF
{
  "VisibilityTimeout": "360",
  "MessageRetentionPeriod": "1209600",
  "ReceiveMessageWaitTimeSeconds": "0",
  "RedrivePolicy": "{\"deadLetterTargetArn\":\"$dlq_arn\",\"maxReceiveCount\":\"3\"}"
}
EOF
queue_url=$(sqs create-queue --queue-name "$queue" \
  --attributes file://queue-attributes.json --query QueueUrl --output text)
# Correction: the queue's ARN comes from the queue itself, not from sts and a hand-built string.
queue_arn=$(sqs get-queue-attributes --queue-url "$queue_url" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)

aws lambda create-function \
  --function-name "$scaler" \
  --runtime java21 \
  --role "$role" \
  --handler dev.perfkit.handlers.SqsScaler::handleRequest \
  --zip-file "fileb://$jar" \
  --timeout 60 \
  --memory-size 256 \
  --description "High-throughput SQS message processor" \
  --query FunctionArn --output text
aws lambda wait function-active-v2 --function-name "$scaler"
# Correction: create-function has no --reserved-concurrency; it is a call of its own.
aws lambda put-function-concurrency \
  --function-name "$scaler" \
  --reserved-concurrent-executions 100
aws lambda create-event-source-mapping \
  --function-name "$scaler" \
  --event-source-arn "$queue_arn" \
  --batch-size 10 \
  --maximum-batching-window-in-seconds 1 \
  --function-response-types ReportBatchItemFailures \
  --query UUID --output text

step "Task 5.2: $messages messages"
# Correction: one CLI process per message (the lab's loop) takes minutes for 500; a batch call
# sends ten at a time, as SendMessageBatch allows.
for ((first = 1; first <= messages; first += 10)); do
  entries=""
  for ((i = first; i < first + 10 && i <= messages; i++)); do
    body="{\\\"id\\\": \\\"msg-$i\\\", \\\"data\\\": \\\"Sample data for message $i\\\"}"
    entries+="${entries:+,}{\"Id\": \"m$i\", \"MessageBody\": \"$body\"}"
  done
  sqs send-message-batch --queue-url "$queue_url" --entries "[$entries]" \
    --query 'length(Failed || `[]`)' --output text | grep -qx 0
  if ((first % 100 == 1)); then echo "sent $((first + 9 > messages ? messages : first + 9))"; fi
done
echo "sent $messages messages; waiting for $scaler to consume them"

in_queue() {
  sqs get-queue-attributes --queue-url "$queue_url" \
    --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible \
    --query 'to_string(sum([to_number(Attributes.ApproximateNumberOfMessages), to_number(Attributes.ApproximateNumberOfMessagesNotVisible)]))' \
    --output text
}
await 300 0 never in_queue
echo "the queue is empty: every message was consumed"
