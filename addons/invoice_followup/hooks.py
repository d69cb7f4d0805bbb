def post_init_hook(env):
    """Companies that existed before the module get the reminder email (new
    ones get it from the field's default)."""
    template = env.ref("invoice_followup.email_template_invoice_reminder")
    env["res.company"].search([("invoice_resend_template_id", "=", False)]).invoice_resend_template_id = template
