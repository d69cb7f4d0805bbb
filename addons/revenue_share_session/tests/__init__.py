from . import test_penalty_share
