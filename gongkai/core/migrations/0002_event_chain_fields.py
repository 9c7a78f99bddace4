# Hash chain for the event log (issue 9, item 7): chain heads and each event's position and hashes.
# The hashes of existing events are computed by 0003; constraints and triggers come in 0004.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='EventChain',
            fields=[
                ('key', models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name='链')),
                ('length', models.BigIntegerField(default=0, verbose_name='记录数')),
                ('head_hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64, verbose_name='链尾哈希')),
            ],
            options={
                'verbose_name': '操作记录链',
                'verbose_name_plural': '操作记录链',
            },
        ),
        migrations.AddField(
            model_name='event',
            name='hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='哈希'),
        ),
        migrations.AddField(
            model_name='event',
            name='prev_hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='前一条哈希'),
        ),
        migrations.AddField(
            model_name='event',
            name='seq',
            field=models.BigIntegerField(default=0, editable=False, verbose_name='链内序号'),
        ),
    ]
