{
    "name": "Expert Platform: Customer Lifecycle",
    "summary": "Customer statuses (activated, closed, cancelled, terminated), the customer page with its tabs "
    "and actions, and anonymization that keeps the books",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    # privacy_lookup: every anonymization writes Odoo's own privacy.log line
    "depends": ["recurring_order", "expert_base", "privacy_lookup"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron_data.xml",
        "wizard/customer_status_wizard_views.xml",
        "wizard/customer_anonymize_wizard_views.xml",
        "views/mail_message_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/res_partner_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "customer_lifecycle/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
