from odoo.addons.session_booking_penalty.tests.common import PenaltyCommon


class ClientCenterCommon(PenaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = cls.env.ref("client_center.client_center_default")
