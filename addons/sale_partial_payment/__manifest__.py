{
    "name": "Expert Platform: Partial Payments and the Orders and Sales Desk",
    "summary": "Offers paid in several payments (first part, next parts, confirm / reject with refund), "
    "credits unlocked by the money paid, the Orders and Sales desk: all orders, payments, money credited",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    # payment_demo: the staff charge a saved card and refund through Odoo's own
    # demo provider in the tests and the demo (Stripe in production)
    "depends": ["client_center", "account_payment", "payment_demo"],
    "data": [
        "security/sale_partial_payment_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "views/product_template_views.xml",
        "views/payment_provider_views.xml",
        "views/sale_order_payment_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "wizard/sale_partial_payment_take_views.xml",
        "wizard/sale_partial_payment_decision_views.xml",
        "views/menus.xml",
        "views/sale_partial_payment_templates.xml",
    ],
    "demo": ["demo/sale_partial_payment_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "sale_partial_payment/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
