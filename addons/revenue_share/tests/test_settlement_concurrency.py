import threading
import uuid

from odoo import SUPERUSER_ID, Command, api
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import CommittedCase


@tagged("post_install", "-at_install")
class TestSettlementConcurrency(CommittedCase):
    """Two workers settle the same expert at once (two cron runs, a cron
    and a manager's wizard): every line ends in exactly one settlement."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            expert = env["res.users"].create(
                {
                    "name": "Race Expert",
                    "login": f"race_expert_{uuid.uuid4().hex}",
                    "groups_id": [Command.set(env.ref("expert_base.group_expert").ids)],
                }
            )
            # a draft invoice is enough to hang committed share lines on
            move = env["account.move"].create({"move_type": "out_invoice", "partner_id": expert.partner_id.id})
            company = env.company
            cr.execute(
                """
                INSERT INTO revenue_share_line (move_id, expert_id, company_id, currency_id, date, rate,
                       base_amount, expert_amount, platform_amount, state, is_settleable)
                SELECT %s, %s, %s, %s, '2026-03-15', 20, 10, 8, 2, 'to_settle', TRUE FROM generate_series(1, 200)
                """,
                [move.id, expert.id, company.id, company.currency_id.id],
            )
            self.ids = {"expert": expert.id, "move": move.id, "company": company.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            settlements = env["revenue.share.settlement"].search([("expert_id", "=", self.ids["expert"])])
            cr.execute("DELETE FROM revenue_share_line WHERE expert_id = %s", [self.ids["expert"]])
            settlements.write({"state": "cancelled"})
            settlements.unlink()
            env["account.move"].browse(self.ids["move"]).unlink()
            env["res.users"].browse(self.ids["expert"]).active = False

    def test_two_workers_settle_each_line_once(self):
        barrier = threading.Barrier(2)
        outcomes = []

        def settle():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                expert = env["res.users"].browse(self.ids["expert"])
                company = env["res.company"].browse(self.ids["company"])
                barrier.wait()
                settlements = retrying(
                    lambda: env["revenue.share.settlement"]._settle_period(
                        "2026-03-01", "2026-03-31", experts=expert, company=company, post=False
                    ),
                    env,
                )
                outcomes.append(len(settlements))
                cr.commit()  # pylint: disable=invalid-commit

        threads = [threading.Thread(target=settle) for _index in range(2)]
        # the loser's serialization failure is expected (and retried); muted
        # here, around both threads: a mute entered and left by each thread
        # restores the handlers of the other one's and lets its error through
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(sorted(outcomes), [0, 1], outcomes)
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT COUNT(*), COUNT(DISTINCT settlement_id), COUNT(*) FILTER (WHERE state = 'settled')
                  FROM revenue_share_line WHERE expert_id = %s
                """,
                [self.ids["expert"]],
            )
            self.assertEqual(cr.fetchone(), (200, 1, 200))
            env = api.Environment(cr, SUPERUSER_ID, {})
            settlement = env["revenue.share.settlement"].search([("expert_id", "=", self.ids["expert"])])
            self.assertEqual(settlement.line_count, 200)
            self.assertEqual(settlement.amount_expert, 1600.0)
