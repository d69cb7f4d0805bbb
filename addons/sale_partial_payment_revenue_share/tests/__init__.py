from . import test_partial_share
