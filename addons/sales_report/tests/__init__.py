from . import test_access, test_csv, test_performance, test_recurring, test_report, test_ui
