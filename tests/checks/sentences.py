"""Lines that the shared judge says for any checker, as the tests expect them."""

from helpers.checks.calling import LEAVE_INPUT, WRITES_INPUT
from helpers.checks.feedback import NOT_YET

# An answer that writes into one of the read-only arrays attempt hands it.
WRITES_INPUT_LINE = f"{NOT_YET} {WRITES_INPUT}. Hint: {LEAVE_INPUT}"
