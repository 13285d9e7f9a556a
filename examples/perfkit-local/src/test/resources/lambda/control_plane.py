"""The Lambda control plane with boto3, one scenario per run; prints what it saw as JSON.

Usage: control_plane.py ENDPOINT SCENARIO FUNCTION_NAME PACKAGE [SECOND_PACKAGE | QUEUE_ARN]
"""
import json
import sys
import time
import urllib.request

import boto3

ROLE = 'arn:aws:iam::000000000000:role/lab-role'
HANDLER = 'dev.perfkit.local.lambda.ProbeHandler::handleRequest'

endpoint, scenario, name, package = sys.argv[1:5]
client = boto3.client('lambda', endpoint_url=endpoint, region_name='us-east-1')
with open(package, 'rb') as f:
    code = f.read()


def error_code(call, **arguments):
    try:
        call(**arguments)
        return 'no error'
    except client.exceptions.ClientError as e:
        return e.response['Error']['Code']


def until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def create():
    client.create_function(FunctionName=name, Runtime='java21', Role=ROLE, Handler=HANDLER,
                           Timeout=30, Code={'ZipFile': code})
    client.get_waiter('function_active_v2').wait(FunctionName=name)


def functions():
    created = client.create_function(FunctionName=name, Runtime='java21', Role=ROLE,
                                     Handler=HANDLER, Timeout=30, Code={'ZipFile': code})
    client.get_waiter('function_active_v2').wait(FunctionName=name)
    client.update_function_configuration(FunctionName=name, Description='tuned', MemorySize=512)
    client.get_waiter('function_updated_v2').wait(FunctionName=name)
    updated = client.get_function_configuration(FunctionName=name)
    with open(sys.argv[5], 'rb') as f:
        second = f.read()
    client.update_function_code(FunctionName=name, ZipFile=second)
    client.get_waiter('function_updated_v2').wait(FunctionName=name)
    recoded = client.get_function(FunctionName=name)
    downloaded = urllib.request.urlopen(recoded['Code']['Location']).read()
    pages = client.get_paginator('list_functions').paginate(PaginationConfig={'PageSize': 1})
    listed = [f['FunctionName'] for page in pages for f in page['Functions']]
    client.delete_function(FunctionName=name)
    return {
        'created_state': created['State'],
        'description': updated['Description'],
        'memory': updated['MemorySize'],
        'code_size_before': created['CodeSize'],
        'code_size_after': recoded['Configuration']['CodeSize'],
        'code_downloads_as_updated': downloaded == second,
        'listed': listed,
        'after_delete': error_code(client.get_function, FunctionName=name),
    }


def concurrency():
    create()
    unreserved = lambda: client.get_account_settings()['AccountLimit'][
        'UnreservedConcurrentExecutions']
    before = unreserved()
    put = client.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=10)
    reserved = client.get_function_concurrency(FunctionName=name)
    during = unreserved()
    client.delete_function_concurrency(FunctionName=name)
    return {
        'put': put['ReservedConcurrentExecutions'],
        'get': reserved['ReservedConcurrentExecutions'],
        'unreserved_before': before,
        'unreserved_during': during,
        'unreserved_after': unreserved(),
        'get_after_delete': client.get_function_concurrency(FunctionName=name).get(
            'ReservedConcurrentExecutions'),
    }


def versions_and_aliases():
    create()
    first = client.publish_version(FunctionName=name)['Version']
    client.update_function_configuration(FunctionName=name, Description='second')
    client.get_waiter('function_updated_v2').wait(FunctionName=name)
    second = client.publish_version(FunctionName=name)['Version']
    versions = [v['Version'] for v in client.list_versions_by_function(FunctionName=name)[
        'Versions']]
    client.create_alias(FunctionName=name, Name='prod', FunctionVersion=first)
    before = client.get_alias(FunctionName=name, Name='prod')['FunctionVersion']
    client.update_alias(FunctionName=name, Name='prod', FunctionVersion=second)
    after = client.get_alias(FunctionName=name, Name='prod')['FunctionVersion']
    aliases = [a['Name'] for a in client.list_aliases(FunctionName=name)['Aliases']]
    client.delete_alias(FunctionName=name, Name='prod')
    return {
        'versions': versions,
        'alias_before': before,
        'alias_after': after,
        'aliases': aliases,
        'after_delete': error_code(client.get_alias, FunctionName=name, Name='prod'),
    }


def provisioned():
    create()
    version = client.publish_version(FunctionName=name)['Version']
    client.create_alias(FunctionName=name, Name='prod', FunctionVersion=version)
    put = client.put_provisioned_concurrency_config(
        FunctionName=name, Qualifier='prod', ProvisionedConcurrentExecutions=1)
    ready = until(lambda: client.get_provisioned_concurrency_config(
        FunctionName=name, Qualifier='prod')['Status'] == 'READY')
    listed = client.list_provisioned_concurrency_configs(FunctionName=name)[
        'ProvisionedConcurrencyConfigs']
    invoked = json.loads(client.invoke(FunctionName=name, Qualifier='prod')['Payload'].read())
    client.delete_provisioned_concurrency_config(FunctionName=name, Qualifier='prod')
    return {
        'put_status': put['Status'],
        'ready': ready,
        'listed': [c['FunctionArn'].rsplit(':', 1)[1] for c in listed],
        'cold_start': invoked['cold_start'],
        'initialization_type': invoked['initialization_type'],
        'after_delete': error_code(client.get_provisioned_concurrency_config,
                                   FunctionName=name, Qualifier='prod'),
    }


def policy():
    create()
    client.add_permission(FunctionName=name, StatementId='apigateway',
                          Action='lambda:InvokeFunction', Principal='apigateway.amazonaws.com')
    statement = json.loads(client.get_policy(FunctionName=name)['Policy'])['Statement'][0]
    client.remove_permission(FunctionName=name, StatementId='apigateway')
    return {
        'sid': statement['Sid'],
        'principal': statement['Principal']['Service'],
        'after_remove': error_code(client.get_policy, FunctionName=name),
    }


def event_source_mapping():
    create()
    queue_arn = sys.argv[5]
    created = client.create_event_source_mapping(
        FunctionName=name, EventSourceArn=queue_arn, BatchSize=10,
        FunctionResponseTypes=['ReportBatchItemFailures'])
    uuid = created['UUID']
    until(lambda: client.get_event_source_mapping(UUID=uuid)['State'] == 'Enabled')
    fetched = client.get_event_source_mapping(UUID=uuid)
    listed = [m['UUID'] for m in client.list_event_source_mappings(FunctionName=name)[
        'EventSourceMappings']]
    updated = client.update_event_source_mapping(UUID=uuid, BatchSize=5)
    until(lambda: client.get_event_source_mapping(UUID=uuid)['State'] == 'Enabled')
    batch_size = client.get_event_source_mapping(UUID=uuid)['BatchSize']
    deleted = client.delete_event_source_mapping(UUID=uuid)
    gone = until(lambda: error_code(client.get_event_source_mapping, UUID=uuid)
                 == 'ResourceNotFoundException')
    return {
        'created_state': created['State'],
        'fetched_state': fetched['State'],
        'listed': listed == [uuid],
        'updated_state': updated['State'],
        'batch_size': batch_size,
        'deleted_state': deleted['State'],
        'gone': gone,
    }


SCENARIOS = {f.__name__: f for f in (functions, concurrency, versions_and_aliases, provisioned,
                                     policy, event_source_mapping)}
print(json.dumps(SCENARIOS[scenario]()))
