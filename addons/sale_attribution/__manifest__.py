{
    "name": "Expert Platform: Sale Attribution",
    "summary": "Who made each sale (a sales manager or the system): Sales Plans on the customer, "
    "the manager's Check of paid orders, red until confirmed, green once confirmed",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["expert_base", "sale_partial_payment"],
    "data": [
        "security/sale_attribution_security.xml",
        "security/ir.model.access.csv",
        "views/sale_plan_views.xml",
        "views/res_partner_views.xml",
        "wizard/sale_attribution_check_views.xml",
        "views/sale_order_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/sale_attribution_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "sale_attribution/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
