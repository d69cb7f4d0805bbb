{
    "name": "Expert Platform: Cancellation Penalties",
    "summary": "Cancellation policies, late-cancellation and no-show penalty "
    "invoices, waivers and the Cancellation tab on orders",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["session_booking", "account"],
    "data": [
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "data/session_cancellation_policy_data.xml",
        "views/session_cancellation_policy_views.xml",
        "views/session_booking_views.xml",
        "views/sale_order_views.xml",
        "views/product_template_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/session_penalty_waive_wizard_views.xml",
        "views/menus.xml",
        "views/session_booking_templates.xml",
        "views/website_sale_templates.xml",
    ],
    "demo": ["demo/session_cancellation_policy_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "session_booking_penalty/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "_post_init_hook",
    "installable": True,
}
