{
    "name": "Expert Platform: Orders and Sales Reports",
    "summary": "The detailed report on orders and sales: by payment provider and currency, offer, offer "
    "category and sales manager, sortable, downloaded as CSV with the columns you pick",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["sale_attribution", "recurring_order"],
    "data": [
        "security/ir.model.access.csv",
        "security/sales_report_security.xml",
        "data/sales_report_column_data.xml",
        "views/sales_report_views.xml",
        "views/sales_report_detail_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/sales_report_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "sales_report/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
