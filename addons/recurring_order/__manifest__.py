{
    "name": "Expert Platform: Recurring Orders",
    "summary": "Recurring session packages charged on the client's saved card: retries, "
    "pause, resume, finish early, and the orders each charge generates",
    "version": "17.0.1.0.1",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    # payment_stripe: cards are charged off-session through Odoo's own
    # payment_stripe (its decline codes tell a hard decline from a soft one)
    "depends": ["client_center", "account_payment", "payment_stripe"],
    "data": [
        "security/recurring_order_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/recurring_order_views.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/client_center_views.xml",
        "wizard/recurring_order_status_wizard_views.xml",
        "views/menus.xml",
        "views/recurring_order_templates.xml",
    ],
    "demo": ["demo/product_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "recurring_order/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
