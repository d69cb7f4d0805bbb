import base64

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.session_booking.tests.common import MONDAY, SessionBookingCommon


class SupportTicketCommon(SessionBookingCommon):
    """A paid package with a booked session for client A, another client's
    order and session, a support team of one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # tickets live in the chatter: tracking, followers and notifications on
        cls.env = cls.env(context={k: v for k, v in cls.env.context.items() if k not in DISABLED_MAIL_CONTEXT})
        cls.support_project = cls.env.ref("project_support_ticket.project_project_support")
        cls.company.support_project_id = cls.support_project
        cls.support_agent = new_test_user(
            cls.env, login="support_agent", name="Support Agent", groups="base.group_user,project.group_project_user"
        )
        cls.company.support_user_ids = cls.support_agent
        cls.client_b_user = new_test_user(
            cls.env, login="client_b", name="Client B", groups="base.group_portal", email="client.b@example.com"
        )
        cls.client_b_partner = cls.client_b_user.partner_id
        with freeze_time(MONDAY.replace(hour=6)):
            cls.line = cls._paid_package_line()
            cls.line_b = cls._paid_package_line(product=cls.package_b, partner=cls.client_b_partner)
        cls.order = cls.line.order_id
        cls.order_b = cls.line_b.order_id
        start = cls._utc(MONDAY.replace(year=2031, day=7, hour=9))
        cls.booking = cls.line._session_book(start)
        # expert B reads the hours in New York: 15:00 in Brussels is 09:00 there
        cls.booking_b = cls.line_b._session_book(start.replace(hour=start.hour + 6))
        cls.stage_new = cls.env.ref("project_support_ticket.project_task_type_support_new")
        cls.stage_in_progress = cls.env.ref("project_support_ticket.project_task_type_support_in_progress")
        cls.stage_waiting = cls.env.ref("project_support_ticket.project_task_type_support_waiting")
        cls.stage_solved = cls.env.ref("project_support_ticket.project_task_type_support_solved")

    def _tickets(self):
        return self.env["project.task"].search([("is_support_ticket", "=", True)])

    @classmethod
    def _open_ticket(cls, user=None, subject="I cannot join my session", description="The link does not open.", **kw):
        return (
            cls.env["project.task"].with_user(user or cls.client_user).create_support_ticket(subject, description, **kw)
        )

    def _flush_tracking(self):
        """Tracking (and the stage's email) is posted before the commit."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    @staticmethod
    def _png():
        return base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
