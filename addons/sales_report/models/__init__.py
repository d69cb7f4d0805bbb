from . import sale_order, sales_report, sales_report_detail
