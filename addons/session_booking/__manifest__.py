{
    "name": "Expert Platform: Session Booking",
    "summary": "Session packages with a booking quota; clients book video "
    "sessions in the expert's calendar from the portal",
    "version": "17.0.1.1.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["expert_base", "calendar", "resource", "website_sale", "sale"],
    "data": [
        "security/session_booking_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/session_booking_views.xml",
        "views/sale_order_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/session_booking_wizard_views.xml",
        "views/menus.xml",
        "views/session_booking_templates.xml",
        "views/website_sale_templates.xml",
    ],
    "demo": [
        "demo/resource_calendar_demo.xml",
        "demo/product_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "session_booking/static/src/scss/session_booking.scss",
            "session_booking/static/src/scss/website_sale.scss",
        ],
        "web.assets_tests": [
            "session_booking/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
