{
    "name": "Expert Platform: Support Tickets",
    "summary": "A default Support project: tickets opened from the portal, "
    "the client center or by email become tasks answered in the chatter",
    "version": "17.0.1.1.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["project", "client_center"],
    "data": [
        "security/project_support_ticket_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/project_data.xml",
        "views/project_task_views.xml",
        "views/project_project_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
        "views/project_task_templates.xml",
        "views/client_center_views.xml",
        "views/client_center_templates.xml",
    ],
    "demo": ["demo/project_task_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "project_support_ticket/static/src/js/*.js",
        ],
        "web.assets_tests": [
            "project_support_ticket/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
