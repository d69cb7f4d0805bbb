from werkzeug.exceptions import NotFound

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        """A path with a NUL byte matches no route and names no page nor
        attachment (PostgreSQL refuses NUL in text, the lookups would answer
        500): not found, like any unknown URL."""
        if "\x00" in request.httprequest.path:
            raise NotFound()
        return super()._serve_fallback()
