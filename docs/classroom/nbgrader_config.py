"""nbgrader's settings for everyone on the class hub, students and instructor (README.md here).

Installed as $HUB/etc/jupyter/nbgrader_config.py. JUPYTER_CONFIG_PATH names that folder in every
hub server and terminal (jupyterhub_config.py's Spawner.environment), so `nbgrader fetch_assignment`
and the Assignments tab find the exchange and the course. For the instructor, the course
folder's own nbgrader_config.py (written by `make classroom`) is read after this one.

Three checks that nbgrader 0.9 does not make, each failing with one sentence:
- submit: a student submits as themselves only (`--student=<someone else>` is refused);
- collect: a submission is taken only from the Unix user it is named after (the guarantee: a
  student can bypass their own nbgrader, not the instructor's); others stay in inbound/, with an
  error naming them, and replace nothing;
- release: the exchange must be sticky (mode 1777: nobody renames or replaces a folder that is
  not theirs) and the course folder in it the instructor's own.
tests/test_hub_class.py runs a class through this very file.
"""

import glob
import os
import pwd
import stat
from collections import defaultdict

from nbgrader.exchange.default import ExchangeCollect, ExchangeReleaseAssignment, ExchangeSubmit

c = get_config()  # noqa: F821  (nbgrader's config loader provides it)

COURSE_ID = "mnist-softmax-series"  # as tools/classroom.py writes it into the course folder
c.CourseDirectory.course_id = COURSE_ID
# Made by root (README.md, step 2) at mode 1777; the test points it at a temporary folder.
c.Exchange.root = os.environ.get("MNIST_EXCHANGE", "/srv/nbgrader/exchange")


def unix_name(uid: int) -> str:
    """The user name of a uid, or the number when no user has it."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


class SubmitAsYourself(ExchangeSubmit):
    """`nbgrader submit`, refusing a --student other than the Unix user who runs it."""

    def init_dest(self):
        me = unix_name(os.getuid())
        if self.coursedir.student_id not in ("*", me):
            self.fail(
                f"You are {me}: you can submit only as yourself, not as "
                f"{self.coursedir.student_id}; run `nbgrader submit` without --student."
            )
        super().init_dest()


class CollectFromOwners(ExchangeCollect):
    """`nbgrader collect`, taking each student's newest submission that they made themselves."""

    def init_src(self):
        super().init_src()  # paths, the due date
        student = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path, f"{student}+{self.coursedir.assignment_id}+*")
        own = defaultdict(list)
        for record in map(self._path_to_record, glob.glob(pattern)):
            owner = unix_name(os.stat(os.path.join(self.inbound_path, record["filename"])).st_uid)
            if owner == record["username"]:
                own[owner].append(record)
            else:
                self.log.error(
                    f"Not collected: {record['filename']} claims to be {record['username']}'s "
                    f"but {owner} made it; it stays in {self.inbound_path}."
                )
        self.src_records = [self.newest(records) for records in own.values()]

    def newest(self, records):
        """The newest record, or with --before-duedate the newest one before the due date."""
        records = self._sort_by_timestamp(records)
        if self.duedate is not None and self.before_duedate:
            records = [r for r in records if r["timestamp"] <= self.duedate] or records
        return records[0]


class ReleaseToSafeExchange(ExchangeReleaseAssignment):
    """`nbgrader release_assignment`, only into a sticky exchange and one's own course folder."""

    def ensure_root(self):
        if not os.path.isdir(self.root) or not os.stat(self.root).st_mode & stat.S_ISVTX:
            self.fail(
                f"The exchange {self.root} must exist with mode 1777 (sticky), or students can "
                f"replace the course folder: as root, `install -d -m 1777 {self.root}`."
            )
        course = os.path.join(self.root, self.coursedir.course_id)
        if os.path.lexists(course) and os.lstat(course).st_uid != os.getuid():
            self.fail(
                f"{course} belongs to {unix_name(os.lstat(course).st_uid)}, not to you: someone "
                "may have planted it; as root, remove it and make it yours (README.md, step 2)."
            )
        super().ensure_root()


c.ExchangeFactory.submit = SubmitAsYourself
c.ExchangeFactory.collect = CollectFromOwners
c.ExchangeFactory.release_assignment = ReleaseToSafeExchange
