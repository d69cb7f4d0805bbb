{
    "name": "Expert Platform: Invoice Follow-up",
    "summary": "Invoices resent until paid, sent and viewed counters, invoice links by text message, "
    "monthly statements to the customer's accounts-payable contact",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["client_center", "sms"],
    "data": [
        "security/invoice_followup_security.xml",
        "security/ir.model.access.csv",
        "data/mail_message_subtype_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ir_cron_data.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/invoice_followup_statement_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
        "views/account_portal_templates.xml",
    ],
    "demo": ["demo/invoice_followup_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "invoice_followup/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
