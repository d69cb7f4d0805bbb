from datetime import date

from odoo.addons.recurring_order.tests.common import RecurringOrderCommon


class CustomerLifecycleCommon(RecurringOrderCommon):
    """Client A (expert A's client) bought a monthly plan: a running
    recurring order and an Activated customer; tracking is on (BaseCommon
    disables it) so that the Activity tab has something to list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=False))
        cls.customer = cls.client_partner.with_env(cls.env)
        cls.recurring = cls._start(start=date(2026, 1, 15))

    def setUp(self):
        super().setUp()
        # records created by the fixtures are tracked once "committed"
        self._flush_tracking()

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _as(self, user, records):
        return records.with_user(user).with_context(tracking_disable=False, mail_notrack=False)

    def _tracked_values(self, partner, field_name):
        self._flush_tracking()
        # message_ids is not updated in cache by the messages created
        self.env.invalidate_all()
        values = partner.sudo().message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == field_name)
        return [(value.old_value_char, value.new_value_char) for value in values.sorted("id")]
