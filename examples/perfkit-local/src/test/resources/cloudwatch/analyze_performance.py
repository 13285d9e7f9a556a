import boto3
import json
from datetime import datetime, timedelta

cloudwatch = boto3.client('cloudwatch')

def get_metric_statistics(namespace, metric_name, dimensions, start_time, end_time):
    """Get CloudWatch metric statistics"""
    try:
        response = cloudwatch.get_metric_statistics(
            Namespace=namespace,
            MetricName=metric_name,
            Dimensions=dimensions,
            StartTime=start_time,
            EndTime=end_time,
            Period=300,
            Statistics=['Average', 'Maximum', 'Minimum', 'Sum']
        )
        return response['Datapoints']
    except Exception as e:
        print(f"Error getting metrics: {str(e)}")
        return []

def analyze_function_performance(function_name):
    """Analyze Lambda function performance"""
    end_time = datetime.utcnow()
    start_time = end_time - timedelta(hours=1)
    
    # Get Lambda metrics
    duration_data = get_metric_statistics(
        'AWS/Lambda', 'Duration',
        [{'Name': 'FunctionName', 'Value': function_name}],
        start_time, end_time
    )
    
    concurrent_executions = get_metric_statistics(
        'AWS/Lambda', 'ConcurrentExecutions',
        [{'Name': 'FunctionName', 'Value': function_name}],
        start_time, end_time
    )
    
    errors = get_metric_statistics(
        'AWS/Lambda', 'Errors',
        [{'Name': 'FunctionName', 'Value': function_name}],
        start_time, end_time
    )
    
    # Calculate statistics
    if duration_data:
        avg_duration = sum(dp['Average'] for dp in duration_data) / len(duration_data)
        max_duration = max(dp['Maximum'] for dp in duration_data)
        min_duration = min(dp['Minimum'] for dp in duration_data)
    else:
        avg_duration = max_duration = min_duration = 0
    
    max_concurrency = max(dp['Maximum'] for dp in concurrent_executions) if concurrent_executions else 0
    total_errors = sum(dp['Sum'] for dp in errors) if errors else 0
    
    return {
        'function_name': function_name,
        'avg_duration_ms': avg_duration,
        'max_duration_ms': max_duration,
        'min_duration_ms': min_duration,
        'max_concurrency': max_concurrency,
        'total_errors': total_errors,
        'analysis_period': '1 hour'
    }

if __name__ == "__main__":
    functions = [
        '[your-username]-performance-function',
        '[your-username]-sqs-scaler'
    ]
    
    print("Performance Analysis Report")
    print("=" * 50)
    
    for function in functions:
        analysis = analyze_function_performance(function)
        print(f"\nFunction: {analysis['function_name']}")
        print(f"Average Duration: {analysis['avg_duration_ms']:.2f} ms")
        print(f"Max Duration: {analysis['max_duration_ms']:.2f} ms")
        print(f"Min Duration: {analysis['min_duration_ms']:.2f} ms")
        print(f"Max Concurrency: {analysis['max_concurrency']}")
        print(f"Total Errors: {analysis['total_errors']}")
