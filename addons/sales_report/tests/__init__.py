from . import test_access, test_csv, test_report
