from datetime import datetime

import pytz

from odoo import Command

from odoo.addons.expert_base.tests.common import ExpertPlatformCommon

# A Monday; tests freeze time here (06:00 UTC) unless they say otherwise.
MONDAY = datetime(2030, 1, 7)


class SessionBookingCommon(ExpertPlatformCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.availability = cls._create_availability("Expert A hours", "Europe/Brussels")
        cls.package = cls._create_package(cls.expert_a, "5 sessions with A", 250.0)
        cls.package_b = cls._create_package(cls.expert_b, "5 sessions with B", 300.0)

    @classmethod
    def _create_availability(cls, name, tz, hours=((9, 12), (13, 17)), days=(0, 1, 2, 3, 4)):
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": tz,
                "attendance_ids": [
                    Command.clear(),
                    *(
                        Command.create(
                            {
                                "name": f"{day}-{start}",
                                "dayofweek": str(day),
                                "hour_from": start,
                                "hour_to": stop,
                                "day_period": "morning" if start < 12 else "afternoon",
                            }
                        )
                        for day in days
                        for start, stop in hours
                    ),
                ],
            }
        )

    @classmethod
    def _create_package(cls, expert, name, price, **values):
        terms = {
            "is_session_package": True,
            "session_count": 5,
            "session_duration": 50 / 60,
            "session_buffer_minutes": 10,
            "session_notice_hours": 12,
            "session_availability_id": cls.availability.id,
            **values,
        }
        return cls._create_expert_product(expert, name, price, **terms)

    @classmethod
    def _pay(cls, order):
        invoice = order._create_invoices()
        invoice.action_post()
        cls.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        return invoice

    @classmethod
    def _paid_package_line(cls, product=None, partner=None, quantity=1):
        order = cls._create_order(product or cls.package, partner=partner, quantity=quantity)
        cls._pay(order)
        return order.order_line

    @staticmethod
    def _utc(local, tz="Europe/Brussels"):
        """Naive UTC datetime of a naive local time in ``tz``."""
        return pytz.timezone(tz).localize(local).astimezone(pytz.utc).replace(tzinfo=None)
