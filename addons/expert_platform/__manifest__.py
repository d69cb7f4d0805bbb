{
    "name": "Expert Platform",
    "summary": "Online practice platform: session packages, video sessions, "
    "penalties, revenue share and a client center, in one install",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": [
        "expert_base",
        "session_booking",
        "session_booking_penalty",
        "revenue_share",
        "revenue_share_session",
        "crm_client_journey",
        "client_center",
        "project_support_ticket",
        "invoice_followup",
        "recurring_order",
        "sale_partial_payment",
        "sale_partial_payment_revenue_share",
        "customer_lifecycle",
        "sale_attribution",
        "sales_report",
        # the demo payment provider lets the demo and the tours pay online
        "payment_demo",
        # the experts' short presentation (a translatable field of contacts)
        "website_partner",
    ],
    "data": ["views/website_templates.xml"],
    "demo": [
        "demo/res_lang_demo.xml",
        "demo/payment_provider_demo.xml",
        "demo/confidential_client_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/website_demo.xml",
        "demo/recurring_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "expert_platform/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
