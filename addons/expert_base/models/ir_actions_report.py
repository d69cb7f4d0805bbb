import functools
import logging
import subprocess

from odoo import api, models, tools

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)


@functools.cache
def wkhtmltopdf_renders_several():
    """Whether wkhtmltopdf takes several documents in one run: the builds
    with patched Qt that Odoo recommends (and its docker image ships) do;
    distributions' builds on unpatched Qt refuse them."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in version.lower()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _expert_render_pdf_batch(self, report_ref, res_ids, data=None):
        """``{record id: PDF}`` of the records ``res_ids`` rendered with one
        wkhtmltopdf run and split per record, as Odoo splits a printed batch
        to keep each record's attachment. A run costs seconds whatever it
        renders: the crons that mail a PDF per record (Send & Print,
        monthly statements) render their batch this way.

        Empty when it cannot be done, and the caller renders each record on
        its own as Odoo does: fewer than two records, a wkhtmltopdf that
        takes one document per run, tests (HTML instead of PDF, as Odoo's
        rendering, unless ``force_report_rendering``), or a rendering that
        fails or does not split per record (logged)."""
        res_ids = list(res_ids)
        if len(res_ids) < 2 or not wkhtmltopdf_renders_several():
            return {}
        if (tools.config["test_enable"] or tools.config["test_file"]) and not self.env.context.get(
            "force_report_rendering"
        ):
            return {}
        try:
            with self.env.cr.savepoint():
                streams = self._render_qweb_pdf_prepare_streams(report_ref, dict(data or {}), res_ids=res_ids)
        except Exception as error:  # pylint: disable=broad-except
            # the per-record rendering that follows says what is wrong, per record
            _logger.warning("%s of %s not rendered together (%s): one by one", report_ref, res_ids, error)
            return {}
        if set(streams) != set(res_ids) or not all(item.get("stream") for item in streams.values()):
            _logger.info("%s of %s could not be split per record: rendered one by one", report_ref, res_ids)
            return {}
        batch = {}
        for res_id, item in streams.items():
            batch[res_id] = item["stream"].getvalue()
            item["stream"].close()
        return batch
