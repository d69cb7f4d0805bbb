{
    "name": "Expert Platform: Base",
    "summary": "Experts, platform managers, expert products and automatic " "invoicing of paid online orders",
    "version": "17.0.1.1.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["sale_management", "account", "website_sale"],
    "data": [
        "security/expert_base_security.xml",
        "security/expert_base_account_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/mail_activity_type_data.xml",
        "views/menus.xml",
        "views/product_change_request_wizard_views.xml",
        "views/product_template_views.xml",
        "views/res_users_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/product_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "expert_base/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
