"""The job in src/backups.py against crs-mock, one fresh mock state per test."""
import unittest
import urllib.error

import backups
import tc3
from backups import ApiError, list_backups, start_backup
from crs_mock import ControlPlaneError, CrsMock

SEED = "crs-5a4py64p"
mock = None


def setUpModule():
    global mock
    # Signatures checked, against crs-mock's default key pair.
    mock = CrsMock()
    backups.credentials = ("AKIDEXAMPLE", "SECRETEXAMPLE")


def tearDownModule():
    mock.stop()


class BackupJobTest(unittest.TestCase):
    def setUp(self):
        mock.reset()

    def test_lists_the_seed_backups(self):
        backups = list_backups(mock.endpoint, SEED)
        self.assertEqual([b["Remark"] for b in backups], ["テスト使用", "xxx"])

    def test_waits_out_a_locked_instance(self):
        mock.override("ManualBackupInstance", error="ResourceUnavailable.InstanceLockedError", times=2)
        self.assertEqual(len(list_backups(mock.endpoint, SEED)), 2)
        self.assertGreater(start_backup(mock.endpoint, SEED, "nightly"), 0)
        codes = [c["code"] for c in mock.calls("ManualBackupInstance")]
        self.assertEqual(codes, ["ResourceUnavailable.InstanceLockedError"] * 2 + [None])

    def test_gives_up_after_three_attempts(self):
        mock.override("ManualBackupInstance", error="ResourceUnavailable.InstanceLockedError")
        with self.assertRaises(ApiError) as raised:
            start_backup(mock.endpoint, SEED)
        self.assertEqual(raised.exception.code, "ResourceUnavailable.InstanceLockedError")
        self.assertEqual(len(mock.calls("ManualBackupInstance")), 3)

    def test_a_dropped_connection_reaches_the_job(self):
        mock.override("DescribeInstanceBackups", networkError=True, once=True)
        with self.assertRaises((urllib.error.URLError, ConnectionError)):
            list_backups(mock.endpoint, SEED)
        self.assertEqual(len(list_backups(mock.endpoint, SEED)), 2)
        outcomes = [c["outcome"] for c in mock.calls("DescribeInstanceBackups")]
        self.assertEqual(outcomes, ["networkError", "success"])

    def test_pages_through_a_seeded_instance_in_its_region(self):
        backups = [
            {
                "BackupId": f"b-{i:03}",
                "StartTime": f"2026-01-01 00:{i // 60:02}:{i % 60:02}",
                "BackupType": "1",
                "Status": 2,
                "Remark": "",
                "Locked": 0,
            }
            for i in range(150)
        ]
        mock.add_instance({"InstanceId": "crs-big", "Region": "ap-beijing", "backups": backups})
        listed = list_backups(mock.endpoint, "crs-big", region="ap-beijing")
        self.assertEqual([b["BackupId"] for b in listed], [b["BackupId"] for b in backups])
        self.assertEqual(len(mock.calls("DescribeInstanceBackups")), 2)
        with self.assertRaises(ApiError) as raised:
            list_backups(mock.endpoint, "crs-big", region="ap-shanghai")
        self.assertEqual(raised.exception.code, "ResourceNotFound.InstanceNotExists")

    def test_a_backup_finishes_when_the_clock_moves(self):
        task = start_backup(mock.endpoint, SEED, "nightly")
        self.assertEqual([t["TaskId"] for t in mock.state()["tasks"]], [task])
        self.assertEqual(len(list_backups(mock.endpoint, SEED, status=[1])), 1)
        mock.advance_clock(5_000)  # crs-mock's default backup duration
        self.assertEqual(mock.state()["tasks"], [])
        self.assertEqual(list_backups(mock.endpoint, SEED, status=[1]), [])

    def test_a_mistaken_override_is_refused_with_the_reason(self):
        with self.assertRaises(ControlPlaneError) as raised:
            mock.override("DescribeInstanceBackups", error="ResourceUnavailable.InstanceLockedError")
        self.assertEqual(raised.exception.status, 400)
        self.assertIn("is not an error code of DescribeInstanceBackups", str(raised.exception))


class SignatureTest(unittest.TestCase):
    def setUp(self):
        mock.reset()

    def test_the_signer_reproduces_the_known_answers(self):
        # The reference's vectors: the official SDK's for redis, Tencent's own page's for cvm.
        body = b'{"InstanceId":"crs-5a4py64p","Limit":20,"Offset":0}'
        authorization, _ = tc3.sign(
            "AKIDEXAMPLE", "SECRETEXAMPLE", "redis.tencentcloudapi.com", body, timestamp=1551113065
        )
        self.assertEqual(
            authorization,
            "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/redis/tc3_request, SignedHeaders=content-type;host, "
            "Signature=1e7527cbf73059861f5b3339e76b444464c6ed0f1328161a1bad3e4118132117",
        )
        cvm_body = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
        self.assertEqual(len(cvm_body), 86)
        authorization, _ = tc3.sign(
            "AKID**********************0123456789EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm.tencentcloudapi.com",
            cvm_body,
            content_type="application/json; charset=utf-8",
            service="cvm",
            timestamp=1551113065,
        )
        self.assertTrue(
            authorization.endswith("Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")
        )

    def test_a_wrong_secret_key_is_refused(self):
        backups.credentials = ("AKIDEXAMPLE", "not-the-secret")
        try:
            with self.assertRaises(ApiError) as raised:
                list_backups(mock.endpoint, SEED)
        finally:
            backups.credentials = ("AKIDEXAMPLE", "SECRETEXAMPLE")
        self.assertEqual(raised.exception.code, "AuthFailure.SignatureFailure")
        self.assertEqual(len(list_backups(mock.endpoint, SEED)), 2)

    def test_a_signature_made_before_the_mock_clock_moved_six_minutes_expires(self):
        mock.advance_clock(6 * 60 * 1000)  # the service accepts 5 minutes of skew
        with self.assertRaises(ApiError) as raised:
            list_backups(mock.endpoint, SEED)
        self.assertEqual(raised.exception.code, "AuthFailure.SignatureExpire")
        codes = [c["code"] for c in mock.calls("DescribeInstanceBackups")]
        self.assertEqual(codes, ["AuthFailure.SignatureExpire"])


if __name__ == "__main__":
    unittest.main()
