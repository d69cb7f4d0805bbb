from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import form_csrf_token

from .common import NOW, PenaltyCommon


@tagged("post_install", "-at_install")
class TestPortalCancellation(PenaltyCommon, HttpCase):
    def test_client_sees_fee_then_cancels_late(self):
        booking = self._booked()
        self.authenticate("client_a", "client_a")
        url = f"/my/sessions/{booking.id}"
        with freeze_time(NOW + timedelta(minutes=30)):
            page = self.url_open(url).text
        self.assertIn("o_session_cancel_free", page)
        with freeze_time(self.tuesday_9 - timedelta(hours=2)):
            page = self.url_open(url).text
            self.assertIn("o_session_cancel_late", page)
            self.assertIn("15.00", page)
            csrf = form_csrf_token(page)
            self.url_open(f"{url}/cancel", data={"csrf_token": csrf, "reason": "Train strike"})
        self.assertEqual(booking.state, "late_cancelled")
        self.assertEqual(booking.cancel_reason, "Train strike")
        self.assertTrue(booking.penalty_move_id)
        page = self.url_open(url).text
        self.assertIn(booking.penalty_move_id.get_portal_url().split("?")[0], page)
        # the client pays it like any invoice
        invoice_page = self.url_open(booking.penalty_move_id.get_portal_url())
        self.assertEqual(invoice_page.status_code, 200)
