"""The code under test: a small Python job on Tencent Cloud's Redis backup API (standard library only).

Requests are unsigned here (the suite runs crs-mock with --no-verify); a real job signs them with TC3,
as Tencent's Python SDK does.
"""
import json
import time
import urllib.request

VERSION = "2018-04-12"


class ApiError(Exception):
    """An error the service answered: its code, message and RequestId."""

    def __init__(self, code, message, request_id):
        super().__init__(f"{code}: {message} (RequestId {request_id})")
        self.code = code
        self.request_id = request_id


def call(endpoint, action, params, region="ap-guangzhou"):
    request = urllib.request.Request(
        endpoint,
        data=json.dumps(params).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-TC-Action": action,
            "X-TC-Version": VERSION,
            "X-TC-Region": region,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        response = json.load(answer)["Response"]
    if "Error" in response:
        raise ApiError(response["Error"]["Code"], response["Error"]["Message"], response["RequestId"])
    return response


def list_backups(endpoint, instance_id, region="ap-guangzhou", status=None):
    """Every backup of an instance, page by page (the service allows at most 100 a page)."""
    backups, offset = [], 0
    while True:
        params = {"InstanceId": instance_id, "Limit": 100, "Offset": offset}
        if status:
            params["Status"] = status
        page = call(endpoint, "DescribeInstanceBackups", params, region)
        backups += page["BackupSet"]
        offset += 100
        if offset >= page["TotalCount"]:
            return backups


def start_backup(endpoint, instance_id, remark="", attempts=3, pause=0.05):
    """Starts a manual backup, waiting out a lock held by a running task; answers the TaskId."""
    for attempt in range(attempts):
        try:
            return call(endpoint, "ManualBackupInstance", {"InstanceId": instance_id, "Remark": remark})["TaskId"]
        except ApiError as error:
            if error.code != "ResourceUnavailable.InstanceLockedError" or attempt == attempts - 1:
                raise
            time.sleep(pause)
