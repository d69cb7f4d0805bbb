{
    "name": "Expert Platform: Client Center",
    "summary": "Portal client center: home with counters and chat with support and experts, due "
    "payments with bulk payment and statement, orders, invoices, sessions",
    "version": "17.0.1.1.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["session_booking_penalty", "account_payment", "website_sale"],
    "data": [
        "security/client_center_security.xml",
        "security/ir.model.access.csv",
        "data/client_center_data.xml",
        "views/client_center_views.xml",
        "views/chat_views.xml",
        "views/menus.xml",
        "views/client_center_templates.xml",
        "report/client_center_reports.xml",
    ],
    "demo": ["demo/client_center_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "client_center/static/src/scss/client_center.scss",
            "client_center/static/src/js/*.js",
        ],
        "web.assets_backend": [
            "client_center/static/src/backend/*.js",
        ],
        "web.assets_tests": [
            "client_center/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
