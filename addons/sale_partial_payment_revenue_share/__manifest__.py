{
    "name": "Expert Platform: Revenue Share of Partial Payments",
    "summary": "The 80/20 split follows each payment's invoice of an order paid in parts",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["revenue_share", "sale_partial_payment"],
    "auto_install": True,
    "installable": True,
}
