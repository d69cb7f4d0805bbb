{
    "name": "Expert Platform: Client Journey in CRM",
    "summary": "Website questions become leads of the expert concerned, leads won on purchase "
    "and linked to orders and sessions, follow-up activities, private client goals and progress notes",
    "version": "17.0.1.1.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["crm", "website_crm", "sale_crm", "session_booking"],
    "data": [
        "security/crm_client_journey_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_model_data.xml",
        "views/client_goal_views.xml",
        "views/client_goal_note_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/session_booking_views.xml",
        "views/mail_activity_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
        "views/website_question_templates.xml",
        "data/website_menu_data.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
        "demo/client_goal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_client_journey/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
