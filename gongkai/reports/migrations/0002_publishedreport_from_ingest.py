"""PublishedReport moves from ingest to reports in state only (ADR 0004); no table or row changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0002_enrolment_request'),
        ('reports', '0001_initial'),
        ('ingest', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # State only: the table ingest_publishedreport exists (ingest 0001) and keeps its name and rows.
    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='PublishedReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_name', models.CharField(blank=True, default='', max_length=120, verbose_name='报告所署机关')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='报告年度')),
                ('era', models.CharField(choices=[('2021', '2021年格式（国办公开办函〔2021〕30号）'), ('2019', '2019年格式（国办公开办函〔2019〕60号）'), ('pre2019', '2019年以前（政府信息公开情况统计表）'), ('narrative', '仅有文字、无统计表')], max_length=10, verbose_name='格式')),
                ('title', models.CharField(blank=True, default='', max_length=200, verbose_name='标题')),
                ('data', models.JSONField(default=dict, verbose_name='报告数据')),
                ('checks', models.JSONField(default=list, verbose_name='核对结果')),
                ('source_filename', models.CharField(max_length=255, verbose_name='来源文件')),
                ('source_kind', models.CharField(default='text', max_length=8, verbose_name='文件类型')),
                ('sha256', models.CharField(db_index=True, max_length=64, verbose_name='SHA-256')),
                ('imported_at', models.DateTimeField(verbose_name='导入时间')),
                ('applications_received', models.IntegerField(blank=True, null=True, verbose_name='本年新收申请')),
                ('outcome_granted', models.IntegerField(blank=True, null=True, verbose_name='予以公开')),
                ('outcome_partial', models.IntegerField(blank=True, null=True, verbose_name='部分公开')),
                ('outcome_denied', models.IntegerField(blank=True, null=True, verbose_name='不予公开')),
                ('outcome_unable', models.IntegerField(blank=True, null=True, verbose_name='无法提供')),
                ('outcome_not_processed', models.IntegerField(blank=True, null=True, verbose_name='不予处理')),
                ('outcome_other', models.IntegerField(blank=True, null=True, verbose_name='其他处理')),
                ('proactive_total', models.IntegerField(blank=True, null=True, verbose_name='主动公开信息数')),
                ('review_total', models.IntegerField(blank=True, null=True, verbose_name='行政复议')),
                ('litigation_total', models.IntegerField(blank=True, null=True, verbose_name='行政诉讼')),
                ('error_count', models.PositiveIntegerField(default=0, verbose_name='错误数')),
                ('warning_count', models.PositiveIntegerField(default=0, verbose_name='提示数')),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='published_reports', to='agencies.agency', verbose_name='机关')),
                ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='导入人')),
            ],
            options={
                'verbose_name': '已发布年度报告',
                'verbose_name_plural': '已发布年度报告',
                'db_table': 'ingest_publishedreport',
                'ordering': ['agency_id', '-year', '-id'],
                'indexes': [models.Index(fields=['agency', 'year'], name='ingest_publ_agency__6634c4_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('agency__isnull', False)), fields=('agency', 'year'), name='ingest_one_report_per_agency_year')],
            },
        ),
    ], database_operations=[])]
