# Chains the events written before the hash chain existed: per agency, in insertion (id) order.
# Streams the table and updates in batches so it runs on millions of rows; runs before 0004 installs
# the triggers that would refuse these UPDATEs.

from django.db import migrations

from gongkai.core import eventchain

BATCH = 5000
FIELDS = ("seq", "prev_hash", "at", "actor_id", "agency_id", "action", "object_type", "object_id",
          "before", "after", "note")


def backfill(apps, schema_editor):
    Event = apps.get_model("core", "Event")
    EventChain = apps.get_model("core", "EventChain")
    db = schema_editor.connection.alias
    heads = {}
    pending = []
    for event in Event.objects.using(db).order_by("agency_id", "id").iterator(chunk_size=BATCH):
        key = eventchain.chain_key(event.agency_id)
        length, prev = heads.get(key, (0, eventchain.GENESIS))
        event.seq, event.prev_hash = length + 1, prev
        event.hash = eventchain.event_hash({name: getattr(event, name) for name in FIELDS})
        heads[key] = (event.seq, event.hash)
        pending.append(event)
        if len(pending) >= BATCH:
            Event.objects.using(db).bulk_update(pending, ["seq", "prev_hash", "hash"])
            pending = []
    if pending:
        Event.objects.using(db).bulk_update(pending, ["seq", "prev_hash", "hash"])
    EventChain.objects.using(db).bulk_create(
        [EventChain(key=key, length=length, head_hash=head) for key, (length, head) in heads.items()]
    )


def unchain(apps, schema_editor):
    apps.get_model("core", "EventChain").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_event_chain_fields'),
    ]

    operations = [
        migrations.RunPython(backfill, unchain),
    ]
