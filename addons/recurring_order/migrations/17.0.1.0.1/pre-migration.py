def migrate(cr, version):
    """The demo products' XML ids end in ``_demo`` like every demo record:
    databases made before keep their products under the new ids (the demo
    of expert_platform refers to them)."""
    cr.execute(
        """
        UPDATE ir_model_data
           SET name = name || '_demo'
         WHERE module = 'recurring_order'
           AND name IN ('product_olivia_monthly_plan', 'product_daniel_biweekly_coaching')
        """
    )
