{
    "name": "Expert Platform: Revenue Share of Session Penalties",
    "summary": "Shares late-cancellation and no-show penalties with the session's expert",
    "version": "17.0.1.0.0",
    "category": "Expert Platform",
    "author": "Expert Platform",
    "website": "https://github.com/expert-platform/expert-platform",
    "license": "LGPL-3",
    "depends": ["revenue_share", "session_booking_penalty"],
    "auto_install": True,
    "installable": True,
}
