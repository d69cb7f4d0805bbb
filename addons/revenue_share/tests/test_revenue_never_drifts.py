from odoo.tests import tagged

from .common import RevenueSequenceMixin, RevenueShareCommon


@tagged("post_install", "-at_install")
class TestRevenueNeverDrifts(RevenueSequenceMixin, RevenueShareCommon):
    """Property test: random sequences of sales, payments, write-offs,
    refunds, cancellations and settlements over three experts (see
    :class:`RevenueSequenceMixin`; revenue_share_session adds penalties)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sequences()

    def test_random_sequences(self):
        self._run_sequences()
