"""The job in src/backups.py against crs-mock, one fresh mock state per test."""
import unittest
import urllib.error

from backups import ApiError, list_backups, start_backup
from crs_mock import ControlPlaneError, CrsMock

SEED = "crs-5a4py64p"
mock = None


def setUpModule():
    global mock
    mock = CrsMock("--no-verify")


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


if __name__ == "__main__":
    unittest.main()
