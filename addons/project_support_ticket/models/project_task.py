from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

from odoo.addons.client_center.tools import has_nul, parse_id
from odoo.addons.project.models.project_task import CLOSED_STATES

SUPPORT_MAX_ATTACHMENTS = 10
SUPPORT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
SUPPORT_SUBJECT_MAX_LENGTH = 200
SUPPORT_DESCRIPTION_MAX_LENGTH = 20000
SUPPORT_FILE_NAME_MAX_LENGTH = 255


class ProjectTask(models.Model):
    _inherit = "project.task"

    is_support_ticket = fields.Boolean(
        related="project_id.is_support_project",
        store=True,
        index=True,
        string="Support Ticket",
    )
    support_sale_order_id = fields.Many2one(
        "sale.order",
        string="About Order",
        index="btree_not_null",
        tracking=True,
        copy=False,
        help="The client's order this ticket is about.",
    )
    support_session_id = fields.Many2one(
        "session.booking",
        string="About Session",
        index="btree_not_null",
        tracking=True,
        copy=False,
        help="The client's session this ticket is about.",
    )
    support_role = fields.Selection(related="stage_id.support_role", string="Ticket Status")
    # the client's commercial entity: the portal searches its tickets by it
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index="btree_not_null", string="Client Entity"
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS | {
            "is_support_ticket",
            "support_sale_order_id",
            "support_session_id",
            "support_role",
            "commercial_partner_id",
        }

    # ------------------------------------------------------------------
    # Opening a ticket
    # ------------------------------------------------------------------

    @api.model
    @api.returns("self", lambda ticket: ticket.id)
    def create_support_ticket(self, subject, description="", attachments=None, sale_order=None, session=None):
        """Open a support ticket for the current user (a client).

        :param str subject: required, the ticket's title
        :param str description: plain text, shown on the ticket
        :param list attachments: ``(file name, bytes, mimetype)`` tuples
        :param sale_order: optional ``sale.order`` of the client the ticket is
            about (or its id, over RPC)
        :param session: optional ``session.booking`` of the client the ticket
            is about (or its id)
        :return: the ticket (``project.task``, with the current user's rights)
        :raise UserError: bad input (nothing is created)
        """
        partner = self.env.user.partner_id
        if self.env.user._is_public():
            raise AccessError(_("Sign in to open a support ticket."))
        sale_order = self._support_record_arg("sale.order", sale_order)
        session = self._support_record_arg("session.booking", session)
        values = self._prepare_support_ticket_values(subject, description, partner, sale_order, session)
        files = self._support_check_attachments(attachments or [])
        # the client may not create tasks: the checks above decided what it may open
        ticket = self.sudo().create(values)
        if files:
            ticket._support_post_client_files(partner, files)
        ticket._support_ticket_opened()
        return ticket.sudo(False)

    @api.model
    def _support_record_arg(self, model_name, value):
        """A ``sale_order`` / ``session`` argument as a record of
        ``model_name``: a record of it, an id (RPC callers pass ids), or
        nothing; anything else is refused."""
        Model = self.env[model_name]
        if not value:
            return Model
        if isinstance(value, models.BaseModel) and value._name == model_name and len(value) <= 1:
            return value
        record_id = parse_id(value) if isinstance(value, int) else None
        if not record_id:
            raise UserError(_("This order or session is not one of yours."))
        return Model.browse(record_id)

    @api.model
    def _support_check_text(self, text, max_length, too_long):
        """``text`` stripped, or ``UserError`` (not text, too long, a NUL)."""
        if text in (None, False):
            return ""
        if not isinstance(text, str):
            raise UserError(_("Write your ticket as text."))
        text = text.strip()
        if len(text) > max_length:
            raise UserError(too_long)
        if has_nul(text):
            raise UserError(_("Your ticket holds characters that cannot be saved; remove them and send it again."))
        return text

    @api.model
    def _prepare_support_ticket_values(self, subject, description, partner, sale_order=None, session=None):
        subject = self._support_check_text(
            subject,
            SUPPORT_SUBJECT_MAX_LENGTH,
            _("The subject is too long (%s characters at most).", SUPPORT_SUBJECT_MAX_LENGTH),
        )
        if not subject:
            raise UserError(_("Give your ticket a subject."))
        description = self._support_check_text(
            description,
            SUPPORT_DESCRIPTION_MAX_LENGTH,
            _("The description is too long (%s characters at most).", SUPPORT_DESCRIPTION_MAX_LENGTH),
        )
        project = self.env.company.sudo().support_project_id
        if not project:
            raise UserError(_("Support tickets are not available: no support project is configured."))
        commercial_partner = partner.commercial_partner_id
        sale_order = (sale_order or self.env["sale.order"]).sudo()
        session = (session or self.env["session.booking"]).sudo()
        if sale_order and (
            not sale_order.exists() or sale_order.partner_id.commercial_partner_id != commercial_partner
        ):
            raise UserError(_("This order is not one of yours."))
        if session and (not session.exists() or session.commercial_partner_id != commercial_partner):
            raise UserError(_("This session is not one of yours."))
        if session and sale_order and session.sale_order_id != sale_order:
            raise UserError(_("This session does not belong to the chosen order."))
        if session and not sale_order:
            sale_order = session.sale_order_id
        return {
            "name": subject,
            "description": plaintext2html(description) if description else False,
            "project_id": project.id,
            "partner_id": partner.id,
            "support_sale_order_id": sale_order.id,
            "support_session_id": session.id,
            # assigned by the platform once created (see _support_ticket_opened)
            "user_ids": [Command.clear()],
        }

    @api.model
    def _support_get_assignees(self, project, sale_order, session):
        """The expert of the session or of the order's package, else the support team."""
        expert = session.expert_id
        if not expert and sale_order:
            lines = sale_order.order_line
            expert = (lines.session_expert_id or lines.product_id.product_tmpl_id.expert_id)[:1]
        if expert and expert.active:
            return expert
        company = project.company_id or self.env.company
        return company.support_user_ids or project.user_id

    @api.model
    def _support_check_attachments(self, attachments):
        """``(name, content, mimetype)`` of the files to attach, or ``UserError``."""
        if not isinstance(attachments, list | tuple) or not all(
            isinstance(item, list | tuple) and len(item) == 3 for item in attachments
        ):
            raise UserError(_("Attach files as (name, content, type)."))
        files = [(name, content, mimetype) for name, content, mimetype in attachments if name and content]
        for name, content, mimetype in files:
            if (
                not isinstance(name, str)
                or not isinstance(content, bytes | str)
                or not isinstance(mimetype, str | None)
                or has_nul(name)
                or len(name) > SUPPORT_FILE_NAME_MAX_LENGTH
            ):
                raise UserError(_("One of the files has a name or content that cannot be saved."))
        if len(files) > SUPPORT_MAX_ATTACHMENTS:
            raise UserError(_("Attach %s files at most.", SUPPORT_MAX_ATTACHMENTS))
        for name, content, _mimetype in files:
            if len(content) > SUPPORT_MAX_ATTACHMENT_BYTES:
                raise UserError(
                    _(
                        "The file %(name)s is too large (%(size)s MB at most).",
                        name=name,
                        size=SUPPORT_MAX_ATTACHMENT_BYTES // (1024 * 1024),
                    )
                )
        return files

    def _support_post_client_files(self, partner, files):
        """The client's files, as its message in the chatter (the portal shows them)."""
        self.ensure_one()
        self.sudo().message_post(
            body=_("Files attached to the ticket."),
            author_id=partner.id,
            attachments=[(name, content) for name, content, _mimetype in files],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _support_ticket_opened(self):
        """The client follows its ticket, someone handles it, the client is told.

        Done by the platform (superuser), not by the client who opened it:
        the assignment and the acknowledgement come from the platform.
        """
        template = self.env.ref(
            "project_support_ticket.mail_template_support_ticket_received", raise_if_not_found=False
        )
        for ticket in self.with_user(SUPERUSER_ID):
            if not ticket.user_ids:
                assignees = ticket._support_get_assignees(
                    ticket.project_id, ticket.support_sale_order_id, ticket.support_session_id
                )
                if assignees:
                    ticket.user_ids = [Command.set(assignees.ids)]
            ticket.message_subscribe(partner_ids=(ticket.partner_id | ticket.user_ids.partner_id).ids)
            # the portal chatter posts the client's replies with it
            ticket._portal_ensure_token()
            if template and ticket.partner_id:
                ticket.message_post_with_source(template, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # The Support Tickets board
    # ------------------------------------------------------------------

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        # The Support Tickets board (its action's context says so) shows the
        # support project's stages, not the personal stages nor the other
        # projects' stages Odoo adds when no project is given.
        if self.env.context.get("support_ticket_board"):
            project = self.env.company.sudo().support_project_id
            stage_ids = stages._search(
                ["|", ("id", "in", stages.ids), ("project_ids", "in", project.ids)],
                order=order,
                access_rights_uid=SUPERUSER_ID,
            )
            return stages.browse(stage_ids)
        return super()._read_group_stage_ids(stages, domain, order)

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------

    def write(self, vals):
        if vals.get("stage_id") and "state" not in vals:
            stage = self.env["project.task.type"].browse(vals["stage_id"])
            if stage.support_role == "solved" and self.filtered("is_support_ticket"):
                tickets = self.filtered("is_support_ticket")
                others = self - tickets
                res = super(ProjectTask, tickets).write({**vals, "state": "1_done"})
                if others:
                    res = super(ProjectTask, others).write(vals) and res
                return res
        res = super().write(vals)
        if vals.get("stage_id") and "state" not in vals:
            reopened = self.filtered(
                lambda task: task.is_support_ticket and task.state == "1_done" and task.support_role != "solved"
            )
            if reopened:
                super(ProjectTask, reopened).write({"state": "01_in_progress"})
        return res

    def _support_stage(self, role):
        self.ensure_one()
        return self.project_id.type_ids.filtered(lambda stage: stage.support_role == role)[:1]

    def _support_is_client(self, partner):
        """Whether ``partner`` writes as a client (no internal user)."""
        return bool(partner) and not any(not user.share for user in partner.with_context(active_test=False).user_ids)

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        # the message was accepted: read the ticket's stages whoever wrote it
        ticket = self.sudo()
        if (
            ticket.is_support_ticket
            and msg_vals.get("message_type") in ("comment", "email")
            and ticket.support_role in ("solved", "waiting")
            and not message.sudo().subtype_id.internal
            and ticket._support_is_client(message.sudo().author_id)
        ):
            stage = ticket._support_stage("in_progress")
            if stage:
                # the client's reply reopens the ticket; clients may not write tasks
                ticket.write({"stage_id": stage.id})
        return res

    @api.model
    def message_new(self, msg, custom_values=None):
        task = super().message_new(msg, custom_values=custom_values)
        # the mail gateway (the mail cron, or odoo-mailgate as an
        # administrator) opens a mailed ticket as the platform; another
        # caller of this public method only creates what it may create
        if task.is_support_ticket and (self.env.su or self.env.user._is_system()):
            task._support_ticket_opened()
        return task

    # ------------------------------------------------------------------
    # Client center helpers
    # ------------------------------------------------------------------

    @api.model
    def _support_client_domain(self, partner):
        """Tickets of the client's commercial partner."""
        return [("is_support_ticket", "=", True)] + partner._ownership_domain("commercial_partner_id")

    @api.model
    def _support_open_domain(self, partner):
        return self._support_client_domain(partner) + [("state", "not in", list(CLOSED_STATES))]
