from . import test_access, test_anonymize, test_performance, test_status, test_ui
