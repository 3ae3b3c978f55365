"""The code under test: a small Python job on Tencent Cloud's Redis backup API (standard library only).

Every request is signed with TC3 (src/tc3.py) when credentials are given, as Tencent's Python SDK signs it.
"""
import json
import os
import time
import urllib.parse
import urllib.request

import tc3

VERSION = "2018-04-12"


class ApiError(Exception):
    """An error the service answered: its code, message and RequestId."""

    def __init__(self, code, message, request_id):
        super().__init__(f"{code}: {message} (RequestId {request_id})")
        self.code = code
        self.request_id = request_id


# (secret id, secret key) every call is signed with, from the variables Tencent's SDKs read; None sends
# unsigned calls (crs-mock --no-verify).
credentials = (
    (os.environ["TENCENTCLOUD_SECRET_ID"], os.environ["TENCENTCLOUD_SECRET_KEY"])
    if os.environ.get("TENCENTCLOUD_SECRET_ID")
    else None
)


def call(endpoint, action, params, region="ap-guangzhou"):
    body = json.dumps(params).encode()
    headers = {
        "Content-Type": "application/json",
        "X-TC-Action": action,
        "X-TC-Version": VERSION,
        "X-TC-Region": region,
    }
    if credentials:
        host = urllib.parse.urlsplit(endpoint).hostname
        authorization, timestamp = tc3.sign(*credentials, host, body)
        headers.update({"Authorization": authorization, "X-TC-Timestamp": str(timestamp)})
    request = urllib.request.Request(endpoint, data=body, method="POST", headers=headers)
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
