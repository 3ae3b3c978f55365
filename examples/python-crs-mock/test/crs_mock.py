"""crs-mock from Python: start it, and drive its control plane (/__crs-mock/) between tests.

Standard library only. Copy this file into a suite; CRS_MOCK names the command that starts crs-mock
(default: `npx crs-mock`, with @crs-kit/msw installed in the project).
"""
import json
import os
import shlex
import subprocess
import urllib.error
import urllib.parse
import urllib.request


class ControlPlaneError(Exception):
    """crs-mock refused a control-plane request: the HTTP status and its message."""

    def __init__(self, status, message):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status


class CrsMock:
    def __init__(self, *args):
        command = shlex.split(os.environ.get("CRS_MOCK", "npx crs-mock"))
        self.process = subprocess.Popen(
            [*command, "--port", "0", *args], stdout=subprocess.PIPE, text=True
        )
        line = self.process.stdout.readline().strip()
        if not line.startswith("crs-mock listening on "):
            self.process.kill()
            raise RuntimeError(f"crs-mock did not start: {line!r}")
        self.url = line.removeprefix("crs-mock listening on ")
        self.endpoint = self.url + "/"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def _admin(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/__crs-mock/{path}", data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                result = json.load(answer)
        except urllib.error.HTTPError as error:
            raise ControlPlaneError(error.code, json.load(error)["error"]) from None
        if "Response" in result:
            # The service's envelope: this crs-mock runs with --no-admin, or predates the control plane.
            raise ControlPlaneError(200, "crs-mock has no control plane here (--no-admin?)")
        return result

    def reset(self):
        """Seed state, no overrides, no recorded calls, empty rate-limit windows, real time."""
        self._admin("POST", "reset")

    def override(self, action, **override):
        """override("ManualBackupInstance", error="...", times=2); answers the override's id."""
        return self._admin("POST", "overrides", {"action": action, **override})["id"]

    def remove_override(self, override_id):
        self._admin("DELETE", f"overrides/{override_id}")

    def add_instance(self, instance):
        """An InstanceSeed: InstanceId, optional InstanceName, Region, status, backups."""
        return self._admin("POST", "instances", instance)["instance"]

    def advance_clock(self, ms):
        return self._admin("POST", "clock", {"advanceMs": ms})

    def state(self):
        return self._admin("GET", "state")

    def calls(self, action=None):
        query = "" if action is None else "?" + urllib.parse.urlencode({"action": action})
        return self._admin("GET", "calls" + query)["calls"]
