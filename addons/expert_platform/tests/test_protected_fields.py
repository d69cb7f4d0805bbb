"""Issue 13: what an expert may not write on its own records, over RPC.

The demo expert Olivia writes, one at a time, the fields the platform or the
business actions own on her own product, her client's confirmed package line
and her own session: each write is refused and changes nothing.
"""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SuiteAccessCase


@tagged("post_install", "-at_install")
class TestExpertProtectedFields(SuiteAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.olivia = env.ref("expert_base.user_expert_olivia_demo")
        daniel = env.ref("expert_base.user_expert_daniel_demo")
        cls.booking = env["session.booking"].search(
            [("expert_id", "=", cls.olivia.id), ("state", "=", "booked")], limit=1
        )
        line = cls.booking.sale_line_id
        other_line = env["sale.order.line"].search(
            [("session_expert_id", "=", daniel.id), ("order_id.state", "=", "sale")], limit=1
        )
        other_client = env.ref("expert_base.partner_client_lucas_demo")
        cls.protected = {
            # the platform's terms of what it sells
            line.product_id.product_tmpl_id: {
                "list_price": 1.0,
                "taxes_id": [(5, 0, 0)],
                "is_published": False,
                "sale_ok": False,
                "session_count": 99,
                "session_notice_hours": 0,
                "cancellation_policy_id": False,
                "expert_id": daniel.id,
            },
            # what the client bought
            line: {
                "session_count": 99,
                "session_total": 99,
                "price_unit": 0.0,
                "discount": 50.0,
                "product_uom_qty": 20,
                "session_expert_id": daniel.id,
                "session_notice_hours": 0,
                "session_expiry_date": "2000-01-01",
                "session_cancellation_policy_id": False,
            },
            # what the session's actions own
            cls.booking: {
                "state": "done",
                "partner_id": other_client.id,
                "sale_line_id": other_line.id,
                "expert_id": daniel.id,
                "cancelled_by": "client",
                "penalty_waived": True,
                "start": "2000-01-03 10:00:00",
            },
        }

    def test_expert_writes_none_of_the_protected_fields_of_its_own_records(self):
        self.assertTrue(self.booking, "the demo has a booked session of Olivia")
        self.login("olivia", "olivia")
        for record in self.protected:
            self.assertTrue(record.with_user(self.olivia).read(["display_name"]), "Olivia reads her own record")
        for record, values in self.protected.items():
            for name, value in values.items():
                if name not in record._fields:
                    continue
                with self.subTest(field=f"{record._name}.{name}"):
                    before = self.snapshot()
                    with mute_logger("odoo.http", "odoo.addons.base.models.ir_rule"):
                        response = self.call_kw(record._name, "write", [record.ids, {name: value}])
                    self.assertIn("error", response, f"Olivia wrote {record._name}.{name}")
                    self.assertSnapshotEqual(before, self.snapshot(), f"writing {record._name}.{name}")
