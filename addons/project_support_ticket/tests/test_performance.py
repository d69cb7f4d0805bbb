from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import PageQueriesMixin

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestSupportQueryBudgets(PageQueriesMixin, SupportTicketCommon, HttpCase):
    """The New-ticket form costs the same whatever the number of orders and sessions."""

    def test_new_ticket_form_constant_queries(self):
        self.authenticate("client_a", "client_a")
        few = self._page_queries("/my/tasks/new")
        for _n in range(5):
            self._paid_package_line()
        many = self._page_queries("/my/tasks/new")
        self.assertEqual(few, many)
        self.assertLessEqual(many, 45)

    def test_support_panel_constant_queries(self):
        center = self.env.ref("client_center.client_center_default")
        url = f"/client-center/{center.slug}/support"
        self.authenticate("client_a", "client_a")
        self._open_ticket(session=self.booking)
        self._open_ticket(subject="About my order", sale_order=self.order)
        few = self._page_queries(url)
        for n in range(8):
            self._open_ticket(subject=f"Question {n}", sale_order=self.order)
        many = self._page_queries(url)
        self.assertEqual(few, many)
        self.assertLessEqual(many, 60)
